import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations } from './migrate';
import { openDatabase, type OpenedDatabase } from './open';
import { MIGRATIONS_DIR, tempDir } from './testing/temp-dir';

const ALL = loadMigrations(MIGRATIONS_DIR).length;
/** 0007_sync is the upgrade these tests watch. */
const BEFORE_SYNC = 7;

const REGION =
  "INSERT INTO regions (id, code, name, marketplaces) VALUES ('r1', 'NA', 'North America', '[]')";
const STORE =
  "INSERT INTO stores (id, code, name, region_id, time_zone, currency, country_code, address) VALUES ('s1', 'NY01', 'New York', 'r1', 'America/New_York', 'USD', 'US', '1 Main St')";

describe('migration 0007: sync state and row capture', () => {
  let dir: string;
  let cleanup: () => void;
  let opened: OpenedDatabase | undefined;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => {
    opened?.close();
    opened = undefined;
    cleanup();
  });

  const pending = () =>
    opened!.client
      .prepare(
        'SELECT table_name AS tableName, row_key AS rowKey FROM sync_pending_rows ORDER BY seq',
      )
      .all();

  it('keeps queued mutations through the upgrade, with an empty row list and still pending', () => {
    const file = join(dir, 'upgrade.sqlite');
    const old = openDatabase({ file, migrationsDir: MIGRATIONS_DIR, upTo: BEFORE_SYNC });
    old.client
      .prepare(
        "INSERT INTO outbox (id, name, args, hlc, audit_event_id, created_at) VALUES ('m1', 'settings.update', '{}', 'h1', 'a1', '2026-11-21T10:00:00.000Z')",
      )
      .run();
    old.close();

    opened = openDatabase({ file, migrationsDir: MIGRATIONS_DIR });
    expect(opened.migrationsApplied).toBe(ALL - BEFORE_SYNC);
    expect(
      opened.client
        .prepare('SELECT mutation_id, status, rows, rejected_code, settled_at FROM outbox')
        .all(),
    ).toEqual([
      { mutation_id: 1, status: 'pending', rows: '[]', rejected_code: null, settled_at: null },
    ]);
    // The one sync_state row exists from the start: never synced, nothing acknowledged.
    expect(opened.client.prepare('SELECT * FROM sync_state').all()).toEqual([
      expect.objectContaining({
        id: 1,
        back_office_url: null,
        cookie: null,
        last_mutation_id_acked: 0,
        audit_head_seq: 0,
      }),
    ]);
  });

  it('allows exactly one sync_state row', () => {
    opened = openDatabase({ file: join(dir, 'one.sqlite'), migrationsDir: MIGRATIONS_DIR });
    expect(() => opened!.client.prepare('INSERT INTO sync_state (id) VALUES (2)').run()).toThrow(
      /CHECK constraint failed/,
    );
  });

  it('notes each inserted or updated row of a synced table once, in first-write order', () => {
    opened = openDatabase({ file: join(dir, 'capture.sqlite'), migrationsDir: MIGRATIONS_DIR });
    const db = opened.client;
    db.prepare(REGION).run();
    db.prepare(STORE).run();
    db.prepare("UPDATE stores SET name = 'New York 5th Ave' WHERE id = 's1'").run();
    db.prepare(
      "INSERT INTO settings (scope, key, value, updated_at) VALUES ('s1', 'idleLockSeconds', '120', 'x')",
    ).run();
    expect(pending()).toEqual([
      { tableName: 'regions', rowKey: '{"id":"r1"}' },
      { tableName: 'stores', rowKey: '{"id":"s1"}' },
      { tableName: 'settings', rowKey: '{"scope":"s1","key":"idleLockSeconds"}' },
    ]);
  });

  it('notes nothing for local-only tables (print queue, RMA sequences, the journal)', () => {
    opened = openDatabase({ file: join(dir, 'local.sqlite'), migrationsDir: MIGRATIONS_DIR });
    const db = opened.client;
    db.prepare(
      "INSERT INTO rma_sequences (device_id, local_date, last_sequence) VALUES ('d1', '2026-11-21', 1)",
    ).run();
    db.prepare(
      "INSERT INTO outbox (id, name, args, hlc, audit_event_id, created_at) VALUES ('m1', 'x', '{}', 'h', 'a', 't')",
    ).run();
    db.prepare(
      "INSERT INTO remote_audit_events (device_id, seq, id, action, entity_type, at, hlc, prev_hash, hash) VALUES ('d2', 1, 'e1', 'x', 'y', 't', 'h', 'p', 'q')",
    ).run();
    expect(pending()).toEqual([]);
  });

  it("keys other devices' audit events by device and sequence", () => {
    opened = openDatabase({ file: join(dir, 'remote.sqlite'), migrationsDir: MIGRATIONS_DIR });
    const insert = opened.client.prepare(
      "INSERT INTO remote_audit_events (device_id, seq, id, action, entity_type, at, hlc, prev_hash, hash) VALUES (?, ?, ?, 'x', 'y', 't', 'h', 'p', 'q')",
    );
    insert.run('d2', 1, 'e1');
    insert.run('d3', 1, 'e2');
    expect(() => insert.run('d2', 1, 'e3')).toThrow(/UNIQUE constraint failed/);
  });
});
