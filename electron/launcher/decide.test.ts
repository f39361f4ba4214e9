import { describe, expect, it } from 'vitest';
import {
  afterElectronExit,
  decideLaunch,
  displayProblem,
  fallbackNotice,
  LAUNCH_GRACE_MS,
  type ElectronProbe,
} from './decide';

const ok = (stdout: string): ElectronProbe => ({ status: 0, stdout, stderr: '', timedOut: false });
const files = (existing: string[], executable = existing) => ({
  exists: (f: string) => existing.includes(f),
  isExecutable: (f: string) => executable.includes(f),
});
const linuxEnv = { DISPLAY: ':0' };
const BIN = '/app/node_modules/electron/dist/electron';

describe('decideLaunch', () => {
  it('launches Electron when the probe names an existing executable', () => {
    expect(
      decideLaunch({ probe: ok(BIN), files: files([BIN]), platform: 'linux', env: linuxEnv }),
    ).toEqual({ mode: 'electron', binary: BIN });
  });

  it('uses the last line of the probe output (after a "Downloading…" line)', () => {
    const probe = ok(`Downloading Electron binary...\n${BIN}`);
    expect(decideLaunch({ probe, files: files([BIN]), platform: 'linux', env: linuxEnv })).toEqual({
      mode: 'electron',
      binary: BIN,
    });
  });

  it('falls back when the binary path does not exist', () => {
    const d = decideLaunch({ probe: ok(BIN), files: files([]), platform: 'linux', env: linuxEnv });
    expect(d).toEqual({ mode: 'browser', reason: `no binary at ${BIN}` });
  });

  it('falls back when the binary is not executable', () => {
    const d = decideLaunch({
      probe: ok(BIN),
      files: files([BIN], []),
      platform: 'linux',
      env: linuxEnv,
    });
    expect(d.mode).toBe('browser');
    expect(d).toMatchObject({ reason: expect.stringContaining('not executable') });
  });

  it('falls back when electron cannot install its binary (require throws)', () => {
    const probe: ElectronProbe = {
      status: 1,
      stdout: 'Downloading Electron binary...\n',
      stderr:
        'Error: Electron failed to install correctly. Please delete `node_modules/electron` and run "npx install-electron --no" manually.\n    at getElectronPath',
      timedOut: false,
    };
    expect(decideLaunch({ probe, files: files([]), platform: 'linux', env: linuxEnv })).toEqual({
      mode: 'browser',
      reason: 'its binary is not installed and could not be downloaded',
    });
  });

  it('falls back when the electron package itself is missing', () => {
    const probe: ElectronProbe = {
      status: 1,
      stdout: '',
      stderr:
        "node:internal/modules/cjs/loader:1413\nError: Cannot find module 'electron'\nRequire stack:\n- /x/[eval]\n\nNode.js v22.23.3\n",
      timedOut: false,
    };
    expect(decideLaunch({ probe, files: files([]), platform: 'win32', env: {} })).toEqual({
      mode: 'browser',
      reason: 'the electron package is not installed',
    });
  });

  it('falls back with the error line (not the Node.js version footer) for another failure', () => {
    const probe: ElectronProbe = {
      status: 1,
      stdout: '',
      stderr:
        'node:internal\n    throw err;\nTypeError [ERR_X]: something odd\n    at foo\n\nNode.js v22.23.3\n',
      timedOut: false,
    };
    expect(decideLaunch({ probe, files: files([]), platform: 'linux', env: linuxEnv })).toEqual({
      mode: 'browser',
      reason: 'something odd',
    });
    const noError = { ...probe, stderr: 'segfault somewhere\nNode.js v22.23.3\n' };
    expect(
      decideLaunch({ probe: noError, files: files([]), platform: 'linux', env: linuxEnv }),
    ).toEqual({
      mode: 'browser',
      reason: 'segfault somewhere',
    });
  });

  it('falls back on a probe timeout, a spawn error or an empty answer', () => {
    const base = { files: files([BIN]), platform: 'linux' as const, env: linuxEnv };
    expect(
      decideLaunch({ ...base, probe: { status: null, stdout: '', stderr: '', timedOut: true } }),
    ).toMatchObject({ mode: 'browser', reason: expect.stringContaining('timed out') });
    expect(
      decideLaunch({
        ...base,
        probe: { status: null, stdout: '', stderr: '', timedOut: false, error: 'spawn ENOENT' },
      }),
    ).toMatchObject({ mode: 'browser', reason: expect.stringContaining('spawn ENOENT') });
    expect(decideLaunch({ ...base, probe: ok('\n') })).toMatchObject({ mode: 'browser' });
  });

  it('falls back on Linux without a display, but not on Windows or macOS', () => {
    const linux = decideLaunch({ probe: ok(BIN), files: files([BIN]), platform: 'linux', env: {} });
    expect(linux).toMatchObject({ mode: 'browser', reason: expect.stringContaining('no display') });
    expect(
      decideLaunch({
        probe: ok(BIN),
        files: files([BIN]),
        platform: 'linux',
        env: { WAYLAND_DISPLAY: 'wayland-0' },
      }),
    ).toMatchObject({ mode: 'electron' });
    for (const platform of ['win32', 'darwin'] as const) {
      expect(
        decideLaunch({ probe: ok(BIN), files: files([BIN]), platform, env: {} }),
      ).toMatchObject({
        mode: 'electron',
      });
    }
  });

  it('honours RETURNDESK_MODE=browser', () => {
    expect(
      decideLaunch({
        probe: ok(BIN),
        files: files([BIN]),
        platform: 'linux',
        env: { ...linuxEnv, RETURNDESK_MODE: 'browser' },
      }),
    ).toEqual({ mode: 'browser', reason: 'RETURNDESK_MODE=browser' });
  });
});

describe('displayProblem', () => {
  it('needs DISPLAY or WAYLAND_DISPLAY on Linux only', () => {
    expect(displayProblem('linux', {})).not.toBeNull();
    expect(displayProblem('linux', { DISPLAY: ':1' })).toBeNull();
    expect(displayProblem('darwin', {})).toBeNull();
  });
});

describe('afterElectronExit', () => {
  const base = { code: null, signal: null, elapsedMs: 100, stderrTail: '' };

  it('falls back when Electron could not be spawned', () => {
    expect(afterElectronExit({ ...base, spawnError: 'spawn EACCES' })).toEqual({
      fallback: true,
      reason: 'could not start it: spawn EACCES',
    });
  });

  it('falls back when Electron dies at once, citing its last stderr line', () => {
    const out = afterElectronExit({
      ...base,
      code: 1,
      stderrTail: 'libnss3.so: cannot open shared object file\n',
    });
    expect(out).toEqual({
      fallback: true,
      reason: 'it exited at once with code 1: libnss3.so: cannot open shared object file',
    });
    expect(afterElectronExit({ ...base, signal: 'SIGTRAP' })).toMatchObject({ fallback: true });
  });

  it('passes on the exit code of a run that ended normally or after the grace period', () => {
    expect(afterElectronExit({ ...base, code: 0 })).toEqual({ fallback: false, code: 0 });
    expect(afterElectronExit({ ...base, code: 3, elapsedMs: LAUNCH_GRACE_MS + 1 })).toEqual({
      fallback: false,
      code: 3,
    });
  });

  it('does not fall back when the user interrupted it', () => {
    expect(afterElectronExit({ ...base, signal: 'SIGINT', interrupted: true })).toMatchObject({
      fallback: false,
    });
  });
});

describe('fallbackNotice', () => {
  it('is one line naming the reason', () => {
    const line = fallbackNotice('no display');
    expect(line).toBe(
      'Electron is not available on this machine (no display); starting browser mode instead.',
    );
    expect(line).not.toContain('\n');
  });
});
