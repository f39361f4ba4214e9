import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm start` and `npm run web` with no back office configured start one next to the desktop
 * (DESIGN.md §1: one command runs everything on one machine): the real back office, on its
 * embedded PGlite in `<data dir>/back-office`, on a free port, as its own process. It prints a
 * one-time enrollment code for the desktop's store, which the desktop uses at its first start.
 */
export interface LocalBackOffice {
  url: string;
  /** For the desktop's first start; ignored by a desktop that is enrolled already. */
  enrollmentCode: string;
  logFile: string;
  stop(): Promise<void>;
}

const READY = /ReturnDesk back office on (http:\/\/[\d.:]+)/;
const CODE = /Enrollment code for \S+ \(store scope\): (\S+)/;
const START_TIMEOUT_MS = 90_000;

/** Whether to start one: no URL given, and not told to run alone (`RETURNDESK_BACKOFFICE_URL=none`). */
export function wantsLocalBackOffice(env: NodeJS.ProcessEnv): boolean {
  return !env.RETURNDESK_BACKOFFICE_URL?.trim();
}

export function startLocalBackOffice(options: {
  root: string;
  dataDir: string;
  storeCode: string;
  env?: NodeJS.ProcessEnv;
}): Promise<LocalBackOffice> {
  const dir = join(options.dataDir, 'back-office');
  mkdirSync(dir, { recursive: true });
  const logFile = join(options.dataDir, 'back-office.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  // tsx runs the back office from its sources, as `npm run server` does.
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(options.root, 'server', 'main.ts')],
    {
      cwd: options.root,
      env: {
        ...(options.env ?? process.env),
        RETURNDESK_SERVER_DATA_DIR: dir,
        RETURNDESK_SERVER_PORT: '0',
        RETURNDESK_SERVER_BOOTSTRAP_STORE: options.storeCode,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stderr!.pipe(log, { end: false });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let seen = '';
    let url: string | undefined;
    let started = false;
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`The local back office did not start (${why}); see ${logFile}.`));
    };
    const timer = setTimeout(
      () => fail(`no answer in ${START_TIMEOUT_MS / 1000} s`),
      START_TIMEOUT_MS,
    );
    child.once('exit', (code) => fail(`it exited with ${code}`));
    child.on('error', (error) => fail(error.message));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      log.write(chunk);
      if (started) return;
      seen += chunk;
      url ??= READY.exec(seen)?.[1];
      const code = CODE.exec(seen)?.[1];
      if (url && code) {
        started = true;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ url, enrollmentCode: code, logFile, stop });
      }
    });
  });
}
