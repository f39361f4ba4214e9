import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_FILES, SPAPI_OPERATION_NAMES, findOperation, modelBytes, type ModelName } from '.';

describe('copied SP-API models', () => {
  const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');

  it.each(Object.entries(MODEL_FILES))('%s is the unmodified upstream file', (name, file) => {
    const sha = createHash('sha256')
      .update(modelBytes(name as ModelName))
      .digest('hex');
    expect(readme).toContain(`${sha}  ${file}`);
  });

  it('holds every operation we call', () => {
    for (const name of SPAPI_OPERATION_NAMES) {
      const op = findOperation(name);
      expect(op.spec.operationId).toBe(name);
      expect(op.spec.deprecated ?? false).toBe(false);
    }
  });
});
