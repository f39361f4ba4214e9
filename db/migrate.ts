import type Database from 'better-sqlite3';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';

/**
 * Runs the committed drizzle-kit migrations in order, in one transaction, recording them in
 * drizzle's own `__drizzle_migrations` table and in `PRAGMA user_version` (the count applied),
 * so a database made by a newer app is recognised before anything touches it. Our own runner
 * (on drizzle's reader) because drizzle's `migrate` can neither stop at a given migration
 * (needed to test upgrades) nor tell a newer database apart.
 */
const TABLE = '__drizzle_migrations';

export function loadMigrations(migrationsDir: string): MigrationMeta[] {
  return readMigrationFiles({ migrationsFolder: migrationsDir });
}

/** How many migrations this database has had, by its own record. */
export function appliedMigrationCount(client: Database.Database): number {
  return client.pragma('user_version', { simple: true }) as number;
}

export function pendingMigrations(client: Database.Database, migrations: MigrationMeta[]): number {
  return Math.max(0, migrations.length - appliedMigrationCount(client));
}

export function runMigrations(
  client: Database.Database,
  migrations: MigrationMeta[],
  upTo: number = migrations.length,
): number {
  const from = appliedMigrationCount(client);
  if (from >= upTo) return 0;
  client.transaction(() => {
    client.exec(
      `CREATE TABLE IF NOT EXISTS ${TABLE} (id INTEGER PRIMARY KEY, hash TEXT NOT NULL, created_at NUMERIC)`,
    );
    const record = client.prepare(`INSERT INTO ${TABLE} (hash, created_at) VALUES (?, ?)`);
    for (const migration of migrations.slice(from, upTo)) {
      for (const statement of migration.sql) {
        if (statement.trim()) client.exec(statement);
      }
      record.run(migration.hash, migration.folderMillis);
    }
    client.pragma(`user_version = ${upTo}`);
  })();
  return upTo - from;
}
