import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations } from './migrate';
import { DatabaseOpenError, listBackups, openDatabase, restoreLatestBackup } from './open';
import { MIGRATIONS_DIR, tempDir } from './testing/temp-dir';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const ALL = loadMigrations(MIGRATIONS_DIR).length;
/** The migrations before 0004_order_search, the upgrade these tests watch (later ones follow it). */
const BEFORE_SEARCH = 4;

describe('opening and migrating the desktop database', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('builds a fresh database from the committed migrations, with strict tables and the pragmas money needs', () => {
    const opened = openDatabase({ file: join(dir, 'a.sqlite'), migrationsDir: MIGRATIONS_DIR });
    const tables = opened.client
      .prepare(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'orders_search%' AND name != '__drizzle_migrations'",
      )
      .all() as { name: string; strict: number }[];
    expect(tables.map((t) => t.name).sort()).toEqual(
      [
        ...['approvals', 'audit_events', 'devices', 'label_prints', 'order_lines', 'orders'],
        ...['outbox', 'photos', 'qc_inspections', 'refund_request_lines', 'refund_requests'],
        ...['regions', 'return_lines', 'returns', 'rma_sequences', 'settings', 'stores', 'users'],
        ...['print_jobs', 'printer_targets', 'manifests', 'manifest_lines'],
        ...['sync_state', 'remote_audit_events', 'sync_pending_rows', 'sync_server_rows'],
        ...['manager_keys', 'manager_store_keys', 'manager_key_secrets', 'approval_challenges'],
        ...['offline_code_failures', 'policy_sets', 'amazon_refunds'],
      ].sort(),
    );
    expect(tables.every((t) => t.strict === 1)).toBe(true);
    expect(opened.client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(opened.client.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(opened.client.pragma('user_version', { simple: true })).toBe(ALL);
    expect(opened.migrationsApplied).toBe(ALL);
    expect(opened.backupFile).toBeNull();
    opened.close();
  });

  it('keeps the rows of a database from an earlier migration, after taking a copy', () => {
    const file = join(dir, 'b.sqlite');
    const old = openDatabase({ file, migrationsDir: MIGRATIONS_DIR, upTo: BEFORE_SEARCH });
    old.client
      .prepare(
        "INSERT INTO regions (id, code, name, marketplaces) VALUES ('r1', 'NA', 'North America', '[\"US\"]')",
      )
      .run();
    old.client
      .prepare(
        "INSERT INTO settings (scope, key, value, updated_at) VALUES ('chain', 'idleLockSeconds', '120', '2026-01-01T00:00:00.000Z')",
      )
      .run();
    expect(
      old.client
        .prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'orders_search'")
        .get(),
    ).toEqual({ n: 0 });
    old.close();

    const upgraded = openDatabase({ file, migrationsDir: MIGRATIONS_DIR });
    expect(upgraded.migrationsApplied).toBe(ALL - BEFORE_SEARCH);
    expect(upgraded.client.prepare('SELECT code, name FROM regions').all()).toEqual([
      { code: 'NA', name: 'North America' },
    ]);
    expect(upgraded.client.prepare('SELECT value FROM settings').get()).toEqual({ value: '120' });
    expect(
      upgraded.client
        .prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'orders_search'")
        .get(),
    ).toEqual({ n: 1 });
    expect(upgraded.backupFile).not.toBeNull();
    upgraded.close();

    // The copy is the database as it was before the upgrade.
    const copy = new Database(upgraded.backupFile!, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(BEFORE_SEARCH);
    expect(copy.prepare('SELECT code FROM regions').all()).toEqual([{ code: 'NA' }]);
    copy.close();
  });

  it('refuses a database made by a newer app without changing a byte of it', () => {
    const file = join(dir, 'c.sqlite');
    const made = openDatabase({ file, migrationsDir: MIGRATIONS_DIR });
    made.client.pragma('user_version = 99');
    made.client.pragma('wal_checkpoint(TRUNCATE)');
    made.close();
    const before = sha256(file);

    let error: unknown;
    try {
      openDatabase({ file, migrationsDir: MIGRATIONS_DIR });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as DatabaseOpenError).code).toBe('DB_NEWER_THAN_APP');
    expect((error as DatabaseOpenError).message).toMatch(/newer ReturnDesk \(schema 99/);
    expect(sha256(file)).toBe(before);
    // SQLite may create its empty shared-memory side files for the read-only look; no content.
    if (existsSync(`${file}-wal`)) expect(statSync(`${file}-wal`).size).toBe(0);
    expect(listBackups(file)).toEqual([]);
  });

  it('refuses a damaged database and names the way back: restoring the copy taken before the upgrade', () => {
    const file = join(dir, 'd.sqlite');
    const old = openDatabase({ file, migrationsDir: MIGRATIONS_DIR, upTo: ALL - 1 });
    old.client
      .prepare(
        "INSERT INTO regions (id, code, name, marketplaces) VALUES ('r1', 'EU', 'Europe', '[]')",
      )
      .run();
    old.close();
    openDatabase({ file, migrationsDir: MIGRATIONS_DIR }).close(); // upgrade → backup taken

    const bytes = readFileSync(file);
    bytes.fill(0x41, 4096, 4096 * 3); // scribble over pages after the header
    writeFileSync(file, bytes);

    let error: unknown;
    try {
      openDatabase({ file, migrationsDir: MIGRATIONS_DIR });
    } catch (e) {
      error = e;
    }
    expect((error as DatabaseOpenError).code).toBe('DB_CORRUPT');
    expect((error as DatabaseOpenError).recovery).toMatch(/npm run db:restore/);
    expect((error as DatabaseOpenError).backups).toHaveLength(1);

    restoreLatestBackup(file);
    const restored = openDatabase({ file, migrationsDir: MIGRATIONS_DIR });
    expect(restored.client.prepare('SELECT code FROM regions').all()).toEqual([{ code: 'EU' }]);
    restored.close();
  });

  it('rolls a failing migration back entirely and leaves the old schema in place', () => {
    const file = join(dir, 'e.sqlite');
    const old = openDatabase({ file, migrationsDir: MIGRATIONS_DIR, upTo: BEFORE_SEARCH });
    // Squat on a name the search migration creates, so the upgrade fails halfway.
    old.client.exec('CREATE TABLE orders_search (x INTEGER)');
    old.close();
    expect(() => openDatabase({ file, migrationsDir: MIGRATIONS_DIR })).toThrow(DatabaseOpenError);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(BEFORE_SEARCH);
    expect(
      // The first statements of the failed migration (its indexes) were rolled back too.
      check
        .prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'orders_buyer_email'")
        .get(),
    ).toEqual({ n: 0 });
    check.close();
  });
});
