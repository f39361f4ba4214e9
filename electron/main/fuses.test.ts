import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it, vi } from 'vitest';

interface AfterPackModule {
  (context: unknown): Promise<void>;
  FUSES: Record<string, boolean>;
  electronBinaryPath(context: unknown): string;
}
const afterPack = createRequire(import.meta.url)('../../build/after-pack.cjs') as AfterPackModule;

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** A stand-in Electron binary: some bytes, the fuse sentinel, version 1, the wire ('0'/'1'). */
function fakeElectron(dir: string, name: string, wire: string): string {
  const file = path.join(dir, name);
  const header = Buffer.from([1, wire.length]); // wire version 1, then its length
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.alloc(1024, 7),
      Buffer.from(SENTINEL),
      header,
      Buffer.from(wire),
      Buffer.alloc(64),
    ]),
  );
  return file;
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('build/after-pack.cjs', () => {
  it('wants the fuses of DESIGN.md §10', () => {
    expect(afterPack.FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it('finds the packaged binary per platform', () => {
    const packager = { appInfo: { productFilename: 'ReturnDesk' }, executableName: 'returndesk' };
    const at = (electronPlatformName: string) =>
      afterPack.electronBinaryPath({ appOutDir: '/out', electronPlatformName, packager });
    expect(at('win32')).toBe(path.join('/out', 'ReturnDesk.exe'));
    expect(at('darwin')).toBe(path.join('/out', 'ReturnDesk.app'));
    expect(at('linux')).toBe(path.join('/out', 'returndesk'));
  });

  it('flips the fuses on the packaged binary and leaves the others alone', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rd-fuses-'));
    // Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on,
    // asar integrity off, asar-only off, v8 snapshot off, file privileges on, wasm traps on.
    const binary = fakeElectron(dir, 'returndesk', '101100011');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await afterPack({
      appOutDir: dir,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { appInfo: { productFilename: 'ReturnDesk' }, executableName: 'returndesk' },
    });
    log.mockRestore();
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    for (const [name, wanted] of Object.entries(afterPack.FUSES)) {
      const index = FuseV1Options[name as keyof typeof FuseV1Options];
      expect([name, wire[index]]).toEqual([name, wanted ? FuseState.ENABLE : FuseState.DISABLE]);
    }
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(FuseState.ENABLE);
  });

  it('fails the build when there is no fuse wire to flip', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rd-fuses-'));
    writeFileSync(path.join(dir, 'returndesk'), Buffer.alloc(2048));
    await expect(
      afterPack({
        appOutDir: dir,
        electronPlatformName: 'linux',
        arch: 1,
        packager: { appInfo: { productFilename: 'ReturnDesk' }, executableName: 'returndesk' },
      }),
    ).rejects.toThrow(/sentinel/);
  });
});
