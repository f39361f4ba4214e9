import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm start` and `npm run web` with no back office configured start one next to the desktop
 * (DESIGN.md §1: one command runs everything on one machine): the real back office, on its
 * embedded PGlite in `<data dir>/back-office`, as its own process. The desktop does not wait for
 * it: it gets the address at once (a fixed port, so an enrolled desktop finds it again next
 * time) and a file where the back office writes a one-time enrollment code once it is up; the
 * desktop's sync enrols with it then, and syncs from there on.
 */
export interface LocalBackOffice {
  url: string;
  /** Where the back office writes the enrollment code once it listens (the desktop reads it). */
  codeFile: string;
  logFile: string;
  stop(): Promise<void>;
}

export const LOCAL_BACK_OFFICE_PORT = 4350;

/** Whether to start one: no URL given, and not told to run alone (`RETURNDESK_BACKOFFICE_URL=none`). */
export function wantsLocalBackOffice(env: NodeJS.ProcessEnv): boolean {
  return !env.RETURNDESK_BACKOFFICE_URL?.trim();
}

export function startLocalBackOffice(options: {
  root: string;
  dataDir: string;
  storeCode: string;
  port?: number;
  env?: NodeJS.ProcessEnv;
  /** Told when the back office stops by itself (it could not start: the port is taken…). */
  onExit?: (code: number | null, logFile: string) => void;
}): LocalBackOffice {
  const dir = join(options.dataDir, 'back-office');
  mkdirSync(dir, { recursive: true });
  const codeFile = join(dir, 'enrollment-code');
  // A code from an earlier run is spent or expired: only this run's may be read.
  rmSync(codeFile, { force: true });
  const logFile = join(options.dataDir, 'back-office.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const port = options.port ?? LOCAL_BACK_OFFICE_PORT;
  // tsx runs the back office from its sources, as `npm run server` does.
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(options.root, 'server', 'main.ts')],
    {
      cwd: options.root,
      env: {
        ...(options.env ?? process.env),
        RETURNDESK_SERVER_DATA_DIR: dir,
        RETURNDESK_SERVER_PORT: String(port),
        RETURNDESK_SERVER_HOST: '127.0.0.1',
        RETURNDESK_SERVER_BOOTSTRAP_STORE: options.storeCode,
        RETURNDESK_SERVER_BOOTSTRAP_CODE_FILE: codeFile,
        RETURNDESK_SERVER_EXIT_WITH_PARENT: '1',
      },
      // stdin stays open while we live: the back office stops when it closes.
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  let stopping = false;
  child.once('exit', (code) => {
    if (!stopping) options.onExit?.(code, logFile);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url: `http://127.0.0.1:${port}`, codeFile, logFile, stop };
}
