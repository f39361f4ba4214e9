/**
 * `npm start` (after the build): the Electron app when Electron can run here, browser mode
 * otherwise, announced in one line. Bundled to dist/node/start.js.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startLocalBackOffice,
  wantsLocalBackOffice,
  type LocalBackOffice,
} from './local-back-office';
import {
  afterElectronExit,
  decideLaunch,
  fallbackNotice,
  LAUNCH_GRACE_MS,
  type ElectronProbe,
} from './decide';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PROBE_TIMEOUT_MS = 30_000;
const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // Would turn the Electron binary into plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

/**
 * Asks electron's own index.js for the binary path in a child process: that require may try to
 * download the binary, so it runs in its own process group and is killed, group and all, on
 * timeout.
 */
function probeElectron(): Promise<ElectronProbe> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const finish = (probe: ElectronProbe): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(probe);
    };
    const detached = process.platform !== 'win32';
    const child = spawn(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
      cwd: ROOT,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached,
      windowsHide: true,
    });
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (detached && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }, PROBE_TIMEOUT_MS);
    child.on('error', (err) =>
      finish({ status: null, stdout, stderr, timedOut, error: err.message }),
    );
    child.on('close', (status) => finish({ status, stdout, stderr, timedOut }));
  });
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (process.platform === 'win32') return true;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Passes our signals on to the child; returns whether one was passed, and an undo. */
function forwardSignals(child: ChildProcess): { interrupted: () => boolean; stop: () => void } {
  let interrupted = false;
  const handlers = FORWARDED_SIGNALS.map((signal) => {
    const handler = (): void => {
      interrupted = true;
      child.kill(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return {
    interrupted: () => interrupted,
    stop: () => handlers.forEach(([signal, handler]) => process.off(signal, handler)),
  };
}

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  if (signal === 'SIGINT') return 130;
  if (signal === 'SIGTERM') return 143;
  return 1;
}

/** Runs Electron. Resolves with null when it ran (exit code set), or a reason to fall back. */
function runElectron(binary: string): Promise<string | null> {
  return new Promise((resolve) => {
    const started = Date.now();
    // Electron's stderr is held back during the grace period: if it dies at once we print one
    // line of our own instead of its noise; otherwise it is flushed and then streamed.
    let held = '';
    let holding = true;
    const child = spawn(binary, [ROOT, ...process.argv.slice(2)], {
      cwd: ROOT,
      env: childEnv(),
      stdio: ['inherit', 'inherit', 'pipe'],
    });
    const signals = forwardSignals(child);
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      if (holding) held += d;
      else process.stderr.write(d);
    });
    const release = setTimeout(() => {
      holding = false;
      if (held) process.stderr.write(held);
      held = '';
    }, LAUNCH_GRACE_MS);
    let spawnError: string | undefined;
    child.on('error', (err) => {
      spawnError = err.message;
    });
    child.on('close', (code, signal) => {
      clearTimeout(release);
      signals.stop();
      const outcome = afterElectronExit({
        code,
        signal,
        elapsedMs: Date.now() - started,
        spawnError,
        stderrTail: held,
        interrupted: signals.interrupted(),
      });
      if (outcome.fallback) {
        resolve(outcome.reason);
        return;
      }
      if (held) process.stderr.write(held);
      process.exitCode = signal ? exitCodeOf(null, signal) : outcome.code;
      resolve(null);
    });
  });
}

function runBrowserMode(): Promise<void> {
  const webEntry = path.join(ROOT, 'dist', 'node', 'web.js');
  if (!existsSync(webEntry)) {
    console.error(`Browser mode is not built (${webEntry} is missing); run "npm run build".`);
    process.exitCode = 1;
    return Promise.resolve();
  }
  const child = spawn(process.execPath, [webEntry, ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const signals = forwardSignals(child);
  child.on('error', (err) => {
    console.error(`Could not start browser mode: ${err.message}`);
    process.exitCode = 1;
  });
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      signals.stop();
      process.exitCode = exitCodeOf(code, signal);
      resolve();
    }),
  );
}

/**
 * One machine, no configuration: the back office runs next to the app (DESIGN.md §1). The app
 * starts at once; it enrols when the back office has written its code.
 */
async function startBackOfficeIfNone(): Promise<LocalBackOffice | null> {
  if (!wantsLocalBackOffice(process.env)) return null;
  const { defaultDataDir } = await import('../backend/data-dir');
  const local = startLocalBackOffice({
    root: ROOT,
    dataDir: defaultDataDir(),
    storeCode: process.env.RETURNDESK_STORE ?? 'NY01',
    onExit: (code, logFile) =>
      console.error(
        `The back office stopped (exit ${code}; see ${logFile}); the desktop works on its own.`,
      ),
  });
  // The app (Electron or browser mode) reads these and enrols with the code once it is written.
  process.env.RETURNDESK_BACKOFFICE_URL = local.url;
  process.env.RETURNDESK_ENROLLMENT_CODE_FILE = local.codeFile;
  console.log(`Back office: ${local.url} (log: ${local.logFile})`);
  return local;
}

async function main(): Promise<void> {
  const probe =
    process.env.RETURNDESK_MODE === 'browser'
      ? { status: null, stdout: '', stderr: '', timedOut: false }
      : await probeElectron();
  const decision = decideLaunch({
    probe,
    files: { exists: existsSync, isExecutable },
    platform: process.platform,
    env: process.env,
  });
  const local = await startBackOfficeIfNone();
  try {
    let reason: string | null = decision.mode === 'browser' ? decision.reason : null;
    if (decision.mode === 'electron') reason = await runElectron(decision.binary);
    if (reason === null) return;
    console.log(fallbackNotice(reason));
    await runBrowserMode();
  } finally {
    await local?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
