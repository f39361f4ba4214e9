import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db, DatabaseEngine } from './client';
import { lockPgliteDir } from './pglite-lock';
import * as schema from './schema';
import { appliedMigrationCount, migrateDatabase, type MigrationReport } from './migrate';

export interface OpenDatabaseOptions {
  /** PostgreSQL when set; otherwise the embedded PGlite in `<dataDir>/pglite`. */
  databaseUrl?: string;
  dataDir: string;
  migrationsDir: string;
  /** Where a broken idle connection is reported (node-postgres emits these out of band). */
  onPoolError?: (error: Error) => void;
}

export interface OpenDatabase {
  db: Db;
  engine: DatabaseEngine;
  /** Does the database answer, and are all committed migrations applied? */
  readiness(): Promise<{ ready: boolean; detail: string }>;
  close(): Promise<void>;
}

async function openPglite(dataDir: string): Promise<{ db: Db; close: () => Promise<void> }> {
  const dir = join(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const release = lockPgliteDir(dir, join(dataDir, 'pglite.lock'));
  try {
    const client = await PGlite.create(dir);
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      close: async () => {
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

async function openPostgres(
  url: string,
  onPoolError: (error: Error) => void,
): Promise<{ db: Db; close: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  // Without a listener an idle client's network error would crash the process.
  pool.on('error', onPoolError);
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(`Cannot reach PostgreSQL at ${redactUrl(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return { db, close: () => pool.end() };
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/** Opens the database and brings its schema up to date before anything else touches it. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<
  OpenDatabase & {
    migrations: MigrationReport;
  }
> {
  const engine: DatabaseEngine = options.databaseUrl ? 'postgres' : 'pglite';
  const opened = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.onPoolError ?? (() => undefined))
    : await openPglite(options.dataDir);
  let migrations: MigrationReport;
  try {
    migrations = await migrateDatabase(opened.db, engine, options.migrationsDir);
  } catch (error) {
    await opened.close().catch(() => undefined);
    throw error;
  }
  return {
    db: opened.db,
    engine,
    migrations,
    close: opened.close,
    readiness: async () => {
      try {
        const applied = await appliedMigrationCount(opened.db);
        return applied >= migrations.known
          ? { ready: true, detail: `${applied} migrations applied` }
          : { ready: false, detail: `${applied} of ${migrations.known} migrations applied` };
      } catch (error) {
        return { ready: false, detail: `database does not answer: ${(error as Error).message}` };
      }
    },
  };
}
