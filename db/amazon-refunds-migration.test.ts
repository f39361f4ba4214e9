import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations } from './migrate';
import { openDatabase, type OpenedDatabase } from './open';
import { MIGRATIONS_DIR, tempDir } from './testing/temp-dir';

/** 0010: what Amazon refunded of an order line by itself, pulled from the back office. */
const BEFORE = 10;

describe('migration 0010: Amazon’s own refunds per order line', () => {
  let dir: string;
  let cleanup: () => void;
  let opened: OpenedDatabase | undefined;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => {
    opened?.close();
    opened = undefined;
    cleanup();
  });

  it('upgrades a 0009 database, keeping its rows, with a STRICT table', () => {
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
    const c = opened.client;
    expect(c.prepare('SELECT code FROM regions').all()).toEqual([{ code: 'NA' }]);
    const { sql } = c
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'amazon_refunds'")
      .get() as {
      sql: string;
    };
    expect(sql).toMatch(/STRICT$/);
    expect(() =>
      c
        .prepare(
          "INSERT INTO amazon_refunds (id, order_id, currency, refunded_minor, updated_at) VALUES ('l1', 'o1', 'USD', 'lots', 'x')",
        )
        .run(),
    ).toThrow();
  });
});
