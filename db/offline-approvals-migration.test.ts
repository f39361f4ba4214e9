import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations } from './migrate';
import { openDatabase, type OpenedDatabase } from './open';
import { MIGRATIONS_DIR, tempDir } from './testing/temp-dir';
import { join } from 'node:path';

/** 0008: offline approval keys and challenges, policy sets, and the request's tier and deadline. */
const BEFORE = 8;

describe('migration 0008: offline approvals and policy sets', () => {
  let dir: string;
  let cleanup: () => void;
  let opened: OpenedDatabase | undefined;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => {
    opened?.close();
    opened = undefined;
    cleanup();
  });

  it('upgrades a 0007 database, keeping its rows, and every new table is STRICT', () => {
    const file = join(dir, 'db.sqlite');
    expect(loadMigrations(MIGRATIONS_DIR).length).toBeGreaterThan(BEFORE);
    opened = openDatabase({ file, migrationsDir: MIGRATIONS_DIR, upTo: BEFORE });
    opened.client
      .prepare(
        "INSERT INTO regions (id, code, name, marketplaces) VALUES ('r1', 'NA', 'North America', '[]')",
      )
      .run();
    opened.close();
    opened = openDatabase({ file, migrationsDir: MIGRATIONS_DIR });
    expect(opened.migrationsApplied).toBe(loadMigrations(MIGRATIONS_DIR).length - BEFORE);
    const c = opened.client;
    expect(c.prepare('SELECT code FROM regions').all()).toEqual([{ code: 'NA' }]);
    for (const table of [
      'manager_keys',
      'manager_store_keys',
      'manager_key_secrets',
      'approval_challenges',
      'offline_code_failures',
      'policy_sets',
    ]) {
      const sqlText = (
        c.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(table) as { sql: string }
      ).sql;
      expect(sqlText, table).toMatch(/STRICT$/);
    }
    const approvalCols = (
      c.prepare('PRAGMA table_info(approvals)').all() as { name: string }[]
    ).map((r) => r.name);
    expect(approvalCols).toEqual(expect.arrayContaining(['offline_proof', 'confirmed_at']));
    const requestCols = (
      c.prepare('PRAGMA table_info(refund_requests)').all() as { name: string }[]
    ).map((r) => r.name);
    expect(requestCols).toEqual(expect.arrayContaining(['approval_tier', 'due_at']));
  });

  it('captures a published policy set for the outbox, once per row', () => {
    opened = openDatabase({ file: join(dir, 'db.sqlite'), migrationsDir: MIGRATIONS_DIR });
    const c = opened.client;
    c.prepare(
      "INSERT INTO policy_sets (id, set_key, version, scope_kind, scope_id, rules, published_at) VALUES ('p1', 'chain', 1, 'chain', NULL, '{}', '2026-11-22T00:00:00.000Z')",
    ).run();
    expect(c.prepare('SELECT table_name AS t, row_key AS k FROM sync_pending_rows').all()).toEqual([
      { t: 'policySets', k: '{"id":"p1"}' },
    ]);
    expect(() =>
      c
        .prepare(
          "INSERT INTO policy_sets (id, set_key, version, scope_kind, scope_id, rules, published_at) VALUES ('p2', 'chain', 1, 'chain', NULL, '{}', '2026-11-22T00:00:00.000Z')",
        )
        .run(),
    ).toThrow(/UNIQUE/);
  });
});
