import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * PGlite is an in-process database: two processes opening one data folder would corrupt it.
 * A pid file says who has it; a stale one (its process gone) is taken over.
 */
export class PgliteInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The back office's embedded database in ${dir} is in use by process ${pid}. ` +
        'Stop that back office first (or run on PostgreSQL with DATABASE_URL).',
    );
    this.name = 'PgliteInUseError';
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockFile: string): number | null {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Takes the folder for this process; returns the release function. */
export function lockPgliteDir(dir: string, lockFile: string): () => void {
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = readHolder(lockFile);
    if (holder !== null && holder !== process.pid && processIsAlive(holder)) {
      throw new PgliteInUseError(dir, holder);
    }
    writeFileSync(lockFile, String(process.pid));
  }
  return () => {
    if (readHolder(lockFile) === process.pid) rmSync(lockFile, { force: true });
  };
}
