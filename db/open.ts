import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { wrapClient, type Db } from './client';
import { appliedMigrationCount, loadMigrations, pendingMigrations, runMigrations } from './migrate';

export type DatabaseOpenErrorCode = 'DB_NEWER_THAN_APP' | 'DB_CORRUPT' | 'DB_MIGRATION_FAILED';

/** Why the local database could not be opened, and what a person can do about it. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly code: DatabaseOpenErrorCode,
    message: string,
    readonly recovery: string,
    readonly backups: string[] = [],
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

export interface OpenDatabaseOptions {
  file: string;
  migrationsDir: string;
  /** Stop after this many migrations (tests of upgrades); default all. */
  upTo?: number;
  /** Clock for backup names. */
  now?: () => number;
}

export interface OpenedDatabase {
  db: Db;
  client: Database.Database;
  file: string;
  /** The copy taken before migrating, if there was anything to migrate. */
  backupFile: string | null;
  migrationsApplied: number;
  close(): void;
}

const KEEP_BACKUPS = 5;

export function backupDir(file: string): string {
  return join(dirname(file), 'backups');
}

export function listBackups(file: string): string[] {
  const dir = backupDir(file);
  if (!existsSync(dir)) return [];
  const prefix = `${basename(file, '.sqlite')}-`;
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.sqlite'))
    .sort()
    .reverse()
    .map((name) => join(dir, name));
}

const RECOVERY = (file: string) =>
  `Quit ReturnDesk and run "npm run db:restore" to put back the copy taken before the last upgrade ` +
  `(kept in ${backupDir(file)}); changes not yet synced since that copy are lost. ` +
  `Or move ${file} aside to start empty and sync again from the back office.`;

/**
 * Opens the desktop database: refuses one made by a newer app and one that fails
 * `PRAGMA integrity_check` (both before writing a byte), copies it before migrating, then
 * migrates. WAL, foreign keys on, synchronous=FULL because money is at stake.
 */
export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const { file, migrationsDir } = options;
  const migrations = loadMigrations(migrationsDir);
  const target = options.upTo ?? migrations.length;
  const existed = existsSync(file);
  mkdirSync(dirname(file), { recursive: true });

  if (existed) inspectReadOnly(file, migrations.length);

  const client = new Database(file);
  try {
    client.pragma('journal_mode = WAL');
    client.pragma('foreign_keys = ON');
    client.pragma('synchronous = FULL');
    client.pragma('busy_timeout = 5000');

    let backupFile: string | null = null;
    if (existed && appliedMigrationCount(client) > 0 && pendingMigrations(client, migrations) > 0) {
      backupFile = takeBackup(client, file, appliedMigrationCount(client), options.now ?? Date.now);
    }
    let applied: number;
    try {
      applied = runMigrations(client, migrations, target);
    } catch (error) {
      throw new DatabaseOpenError(
        'DB_MIGRATION_FAILED',
        `Upgrading the local database failed and was rolled back: ${(error as Error).message}`,
        RECOVERY(file),
        listBackups(file),
      );
    }
    return {
      db: wrapClient(client),
      client,
      file,
      backupFile,
      migrationsApplied: applied,
      close: () => client.close(),
    };
  } catch (error) {
    client.close();
    throw error;
  }
}

function inspectReadOnly(file: string, knownMigrations: number): void {
  let probe: Database.Database;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new DatabaseOpenError(
      'DB_CORRUPT',
      `The local database cannot be opened: ${(error as Error).message}`,
      RECOVERY(file),
      listBackups(file),
    );
  }
  try {
    let version: number;
    let integrity: string[];
    try {
      version = appliedMigrationCount(probe);
      integrity = (probe.pragma('integrity_check') as { integrity_check: string }[]).map(
        (r) => r.integrity_check,
      );
    } catch (error) {
      throw new DatabaseOpenError(
        'DB_CORRUPT',
        `The local database is damaged: ${(error as Error).message}`,
        RECOVERY(file),
        listBackups(file),
      );
    }
    if (version > knownMigrations) {
      throw new DatabaseOpenError(
        'DB_NEWER_THAN_APP',
        `The local database was made by a newer ReturnDesk (schema ${version}, this app knows ${knownMigrations}). It was not opened or changed.`,
        'Install the current ReturnDesk version on this computer; your data is kept as it is.',
      );
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      throw new DatabaseOpenError(
        'DB_CORRUPT',
        `The local database failed its integrity check: ${integrity.slice(0, 3).join('; ')}`,
        RECOVERY(file),
        listBackups(file),
      );
    }
  } finally {
    probe.close();
  }
}

function takeBackup(
  client: Database.Database,
  file: string,
  version: number,
  now: () => number,
): string {
  const dir = backupDir(file);
  mkdirSync(dir, { recursive: true });
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  const target = join(dir, `${basename(file, '.sqlite')}-${stamp}-schema${version}.sqlite`);
  // VACUUM INTO writes a consistent, compact copy even with a WAL in use.
  client.prepare('VACUUM INTO ?').run(target);
  for (const old of listBackups(file).slice(KEEP_BACKUPS)) rmSync(old, { force: true });
  return target;
}

/** Puts back the newest pre-migration copy (the app must not be running). */
export function restoreLatestBackup(file: string): string {
  const [latest] = listBackups(file);
  if (!latest) throw new Error(`No backup of ${file} found in ${backupDir(file)}.`);
  for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
  copyFileSync(latest, file);
  return latest;
}
