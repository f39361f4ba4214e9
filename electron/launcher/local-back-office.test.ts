import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalBackOffice, wantsLocalBackOffice } from './local-back-office';

const root = resolve(import.meta.dirname, '..', '..');

describe('the back office started beside a desktop', () => {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('is wanted only when no back office is configured (`none` means alone)', () => {
    expect(wantsLocalBackOffice({})).toBe(true);
    expect(wantsLocalBackOffice({ RETURNDESK_BACKOFFICE_URL: 'none' })).toBe(false);
    expect(wantsLocalBackOffice({ RETURNDESK_BACKOFFICE_URL: 'https://bo.example.com' })).toBe(
      false,
    );
  });

  it('reports when it cannot start (its port is taken), with the log that says why', async () => {
    const taken: Server = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    cleanups.push(() => new Promise<void>((r) => taken.close(() => r())));
    const dataDir = mkdtempSync(join(tmpdir(), 'returndesk-local-bo-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));

    const exited = new Promise<{ code: number | null; logFile: string }>((resolveExit) => {
      const local = startLocalBackOffice({
        root,
        dataDir,
        storeCode: 'NY01',
        port,
        onExit: (code, logFile) => resolveExit({ code, logFile }),
      });
      cleanups.push(() => local.stop());
      // The desktop gets the address at once, before the back office answers (or fails).
      expect(local.url).toBe(`http://127.0.0.1:${port}`);
    });
    const { code, logFile } = await exited;
    expect(code).not.toBe(0);
    expect(readFileSync(logFile, 'utf8')).toMatch(/EADDRINUSE/);
  }, 90_000);
});
