import type Database from 'better-sqlite3';
import { and, eq, getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { AuditEventWire, RowChange, SyncTable } from '../../shared/sync/protocol';
import type { Db } from '../client';
import { remoteAuditEvents, syncServerRows } from '../schema';
import {
  deleteRow,
  fromWireRow,
  rowKeyOf,
  SYNC_TABLE_DEFS,
  wireKey,
  type LocalRow,
} from './sync-tables';

/**
 * Columns the back office's copy of a row never overwrites: a user's failed sign-ins and lock
 * are counted at the till where they happen, and only this desktop knows which device is it.
 */
const LOCAL_ONLY_COLUMNS: Partial<Record<SyncTable, readonly string[]>> = {
  users: ['failedAttempts', 'lockedUntil'],
  devices: ['isLocal'],
};

/**
 * Statements per database, prepared once: a pull writes thousands of rows of a handful of
 * shapes, and building and preparing each statement again cost more than running it.
 */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared(db: Db, key: string, text: () => string): Database.Statement {
  let cache = statements.get(db.$client);
  if (!cache) {
    cache = new Map();
    statements.set(db.$client, cache);
  }
  let statement = cache.get(key);
  if (!statement) {
    statement = db.$client.prepare(text());
    cache.set(key, statement);
  }
  return statement;
}

/** A wire value as SQLite stores it (the columns that travel are text, numbers, booleans, blobs). */
function toSqlite(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}

/**
 * Inserts the row, or updates the row with its key. A decision is one per refund request
 * (`approvals_once`): another decision of the same request, under another id, gives way.
 */
export function upsertSyncedRow(db: Db, table: SyncTable, row: LocalRow): void {
  const def = SYNC_TABLE_DEFS[table];
  // A row from elsewhere is never this desktop.
  const values = table === 'devices' ? { ...row, isLocal: false } : row;
  const names = Object.keys(values).filter((name) => values[name] !== undefined);
  if (table === 'approvals') {
    prepared(
      db,
      'approvals|give-way',
      () => 'DELETE FROM "approvals" WHERE "refund_request_id" = ? AND "id" <> ?',
    ).run(String(row.refundRequestId), String(row.id));
  }
  const statement = prepared(db, `${table}|${names.join(',')}`, () => {
    const columns = getTableColumns(def.table) as Record<string, SQLiteColumn>;
    const localOnly = LOCAL_ONLY_COLUMNS[table] ?? [];
    const column = (name: string) => {
      const found = columns[name];
      if (!found) throw new Error(`${table}: no column ${name}`);
      return `"${found.name}"`;
    };
    const set = names
      .filter(
        (name) =>
          !(def.key as readonly string[]).includes(name) &&
          !localOnly.includes(name) &&
          name in row,
      )
      .map((name) => `${column(name)} = excluded.${column(name)}`);
    return (
      `INSERT INTO "${getTableName(def.table)}" (${names.map(column).join(', ')}) ` +
      `VALUES (${names.map(() => '?').join(', ')}) ` +
      `ON CONFLICT (${def.key.map(column).join(', ')}) ` +
      (set.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${set.join(', ')}`)
    );
  });
  statement.run(...names.map((name) => toSqlite(values[name])));
}

/** Applies one change as the back office sent it: an upsert, or a delete for a tombstone. */
export function applyRowChange(db: Db, change: RowChange): void {
  if (change.deleted) deleteRow(db, change.table, wireKey(change.table, change.row));
  else upsertSyncedRow(db, change.table, fromWireRow(change.table, change.row));
}

/**
 * What a pending local change and a row from the back office must agree on to be "the same
 * row" for the rebase: the key, except for decisions, which are one per refund request
 * whatever their id (a manager's denial elsewhere and an approval here compete for one slot).
 */
export function coverageKey(table: SyncTable, row: Record<string, unknown>): string {
  if (table === 'approvals') return `approvals|request:${String(row.refundRequestId)}`;
  return `${table}|${rowKeyOf(table, row)}`;
}

/** Keeps the back office's latest version of a row hidden by a pending local change. */
export function shadowServerChange(db: Db, coverage: string, change: RowChange): void {
  const row = JSON.stringify(change);
  db.insert(syncServerRows)
    .values({ tableName: change.table, rowKey: coverage, row })
    .onConflictDoUpdate({ target: [syncServerRows.tableName, syncServerRows.rowKey], set: { row } })
    .run();
}

/** The kept server versions, each under its coverage key. */
export function shadowedServerChanges(db: Db): { coverage: string; change: RowChange }[] {
  return db
    .select()
    .from(syncServerRows)
    .all()
    .map((r) => ({ coverage: r.rowKey, change: JSON.parse(r.row ?? 'null') as RowChange }));
}

export function forgetShadowedChange(db: Db, table: SyncTable, coverage: string): void {
  db.delete(syncServerRows)
    .where(and(eq(syncServerRows.tableName, table), eq(syncServerRows.rowKey, coverage)))
    .run();
}

/** Other devices' audit events; one already held (a pull repeated after a cut) is skipped. */
export function insertRemoteAuditEvents(db: Db, events: AuditEventWire[]): number {
  let inserted = 0;
  for (const event of events) {
    inserted += db.insert(remoteAuditEvents).values(event).onConflictDoNothing().run().changes;
  }
  return inserted;
}
