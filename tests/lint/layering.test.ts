import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layering of DESIGN.md §2 is a lint rule, so a wrong import fails CI. These cases lint
 * source text as if it were a file in each folder, with the project's real config.
 */
const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '..', '..') });

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('import rules per layer', () => {
  it.each([
    [
      'renderer/features/home/Bad.ts',
      "import { openDatabase } from '../../../db/open';\nexport const x = openDatabase;\n",
    ],
    [
      'renderer/features/home/Bad.ts',
      "import { createBackend } from '../../../electron/backend/backend';\nexport const x = createBackend;\n",
    ],
    [
      'renderer/features/home/Bad.ts',
      "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
    ],
    [
      'renderer/features/home/Bad.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    ],
    [
      'shared/domain/Bad.ts',
      "import { openDatabase } from '../../db/open';\nexport const x = openDatabase;\n",
    ],
    [
      'shared/domain/Bad.ts',
      "import { createHash } from 'node:crypto';\nexport const x = createHash;\n",
    ],
    ['db/repositories/Bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/backend/Bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    [
      'electron/preload/Bad.ts',
      "import { openDatabase } from '../../db/open';\nexport const x = openDatabase;\n",
    ],
    [
      'server/Bad.ts',
      "import { openDatabase } from '../db/open';\nexport const x = openDatabase;\n",
    ],
  ])('fails %s importing across the layers', async (file, source) => {
    const errors = await importErrors(file, source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /may (only|not)|no Node built-ins|talks to the backend only|imports nothing|may import|no electron import/,
    );
  });

  it.each([
    [
      'renderer/features/home/Good.ts',
      "import { CONTRACTS } from '../../../shared/contracts';\nexport const x = CONTRACTS;\n",
    ],
    [
      'db/repositories/Good.ts',
      "import { MARKETPLACES } from '../../shared/domain/marketplaces';\nexport const x = MARKETPLACES;\n",
    ],
    [
      'electron/backend/Good.ts',
      "import { openDatabase } from '../../db/open';\nexport const x = openDatabase;\n",
    ],
    [
      'electron/main/Good.ts',
      "import { app } from 'electron';\nimport { createBackend } from '../backend/backend';\nexport const x = [app, createBackend];\n",
    ],
  ])('lets %s import what its layer may', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([]);
  });
});
