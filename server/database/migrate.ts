import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Pool } from 'pg';
import { queryRows, type Db, type DatabaseEngine } from './client';

export interface MigrationReport {
  /** Migrations committed in the migrations folder. */
  known: number;
  /** Applied by this start. */
  applied: number;
}

/** Any number will do as long as nothing else in the database uses it for a lock. */
const MIGRATION_LOCK_KEY = 4_350_100;

export async function appliedMigrationCount(db: Db): Promise<number> {
  const [exists] = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!exists?.present) return 0;
  const [result] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return Number(result?.n ?? 0);
}

/**
 * Applies the committed drizzle-kit migrations with drizzle's own migrator for the engine.
 * On PostgreSQL two back offices may start at once: a session advisory lock makes the second
 * wait until the first has finished, then find nothing left to do.
 */
export async function migrateDatabase(
  db: Db,
  engine: DatabaseEngine,
  migrationsFolder: string,
): Promise<MigrationReport> {
  const known = readMigrationFiles({ migrationsFolder }).length;
  const before = await appliedMigrationCount(db);
  if (before > known) {
    throw new Error(
      `The database has ${before} migrations applied but this back office knows only ${known}: ` +
        'it was made by a newer version. Refusing to start rather than damage it.',
    );
  }
  if (engine === 'pglite') {
    await migratePglite(db as unknown as PgliteDatabase<Record<string, unknown>>, {
      migrationsFolder,
    });
  } else {
    const client = db as unknown as NodePgDatabase<Record<string, unknown>> & {
      $client: Pool;
    };
    const lockSession = await client.$client.connect();
    try {
      await lockSession.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await migratePg(client, { migrationsFolder });
    } finally {
      await lockSession
        .query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
        .finally(() => lockSession.release());
    }
  }
  return { known, applied: (await appliedMigrationCount(db)) - before };
}
