import { and, eq, getTableColumns, type Column, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import type { SyncTable } from '../../shared/sync/protocol';
import type { Db } from '../client';
import {
  amazonRefunds,
  approvals,
  devices,
  labelPrints,
  managerKeySecrets,
  managerKeys,
  managerStoreKeys,
  manifestLines,
  manifests,
  orderLines,
  orders,
  policySets,
  photos,
  qcInspections,
  refundRequestLines,
  refundRequests,
  regions,
  returnLines,
  returns,
  settings,
  stores,
  users,
} from '../schema';

/**
 * The tables that travel between desktop and back office, under their wire names
 * (shared/sync/protocol.ts), with the columns that identify a row. `settings` and
 * `manifestLines` have no `id`: a setting is one per scope and key, a return line goes in one
 * tote only.
 */
export const SYNC_TABLE_DEFS = {
  regions: { table: regions, key: ['id'] },
  stores: { table: stores, key: ['id'] },
  users: { table: users, key: ['id'] },
  devices: { table: devices, key: ['id'] },
  settings: { table: settings, key: ['scope', 'key'] },
  policySets: { table: policySets, key: ['id'] },
  orders: { table: orders, key: ['id'] },
  orderLines: { table: orderLines, key: ['id'] },
  managerKeys: { table: managerKeys, key: ['id'] },
  amazonRefunds: { table: amazonRefunds, key: ['id'] },
  managerStoreKeys: { table: managerStoreKeys, key: ['id'] },
  managerKeySecrets: { table: managerKeySecrets, key: ['id'] },
  returns: { table: returns, key: ['id'] },
  returnLines: { table: returnLines, key: ['id'] },
  qcInspections: { table: qcInspections, key: ['id'] },
  photos: { table: photos, key: ['id'] },
  refundRequests: { table: refundRequests, key: ['id'] },
  refundRequestLines: { table: refundRequestLines, key: ['id'] },
  approvals: { table: approvals, key: ['id'] },
  labelPrints: { table: labelPrints, key: ['id'] },
  manifests: { table: manifests, key: ['id'] },
  manifestLines: { table: manifestLines, key: ['returnLineId'] },
} satisfies Record<SyncTable, { table: SQLiteTable; key: readonly string[] }>;

/** A row in the desktop's drizzle shape (`$inferSelect`), as SQLite gives it back. */
export type LocalRow = Record<string, unknown>;
/** The same row on the wire: JSON-safe, blobs as base64. */
export type WireRow = Record<string, unknown>;

function tableOf(name: SyncTable): SQLiteTable {
  return SYNC_TABLE_DEFS[name].table;
}

function columnsOf(name: SyncTable): Record<string, Column> {
  return getTableColumns(tableOf(name)) as Record<string, Column>;
}

/** The row's key as stored by the capture triggers: JSON of the key columns, in key order. */
export function rowKeyOf(name: SyncTable, row: Record<string, unknown>): string {
  const key: Record<string, unknown> = {};
  for (const column of SYNC_TABLE_DEFS[name].key) key[column] = row[column];
  return JSON.stringify(key);
}

function keyCondition(name: SyncTable, key: Record<string, unknown>): SQL {
  const columns = columnsOf(name);
  const conditions = SYNC_TABLE_DEFS[name].key.map((column) => {
    const value = key[column];
    if (typeof value !== 'string') throw new Error(`${name}: key column ${column} is not a string`);
    return eq(columns[column]!, value);
  });
  return and(...conditions)!;
}

export function readRow(
  db: Db,
  name: SyncTable,
  key: Record<string, unknown>,
): LocalRow | undefined {
  return db.select().from(tableOf(name)).where(keyCondition(name, key)).get() as
    LocalRow | undefined;
}

export function deleteRow(db: Db, name: SyncTable, key: Record<string, unknown>): void {
  db.delete(tableOf(name)).where(keyCondition(name, key)).run();
}

/** Local row → wire row: blobs become base64 (JSON would spell a Buffer out byte by byte). */
export function toWireRow(name: SyncTable, row: LocalRow): WireRow {
  const wire: WireRow = {};
  const columns = columnsOf(name);
  for (const [key, value] of Object.entries(row)) {
    wire[key] =
      columns[key]?.dataType === 'buffer' && value instanceof Uint8Array
        ? Buffer.from(value).toString('base64')
        : value;
  }
  return wire;
}

const rowSchemas = new Map<SyncTable, z.ZodType<LocalRow>>();

/**
 * The zod schema of a wire row, derived from the drizzle columns so it cannot drift from the
 * schema: types per column, required unless nullable or defaulted, base64 decoded to bytes.
 * Unknown keys (a newer back office's columns) are dropped.
 */
function rowSchemaOf(name: SyncTable): z.ZodType<LocalRow> {
  let schema = rowSchemas.get(name);
  if (schema) return schema;
  const shape: Record<string, z.ZodType> = {};
  for (const [key, column] of Object.entries(columnsOf(name))) {
    let field: z.ZodType;
    switch (column.dataType) {
      case 'string':
        field = z.string();
        break;
      case 'number':
        field = z.int();
        break;
      case 'boolean':
        field = z.boolean();
        break;
      case 'buffer':
        field = z.base64().transform((text) => Buffer.from(text, 'base64'));
        break;
      default:
        throw new Error(`${name}.${key}: no wire form for ${column.dataType} columns`);
    }
    if (!column.notNull) field = field.nullable();
    if (!column.notNull || column.hasDefault) field = field.optional();
    shape[key] = field;
  }
  schema = z.object(shape) as unknown as z.ZodType<LocalRow>;
  rowSchemas.set(name, schema);
  return schema;
}

/** Wire row → local row, checked column by column. Throws a ZodError naming the column. */
export function fromWireRow(name: SyncTable, row: unknown): LocalRow {
  return rowSchemaOf(name).parse(row);
}

/** The key columns of a wire row (a tombstone carries at least these). */
export function wireKey(name: SyncTable, row: Record<string, unknown>): Record<string, string> {
  const key: Record<string, string> = {};
  for (const column of SYNC_TABLE_DEFS[name].key) {
    const value = row[column];
    if (typeof value !== 'string' || value === '')
      throw new Error(`${name}: row has no ${column} to identify it`);
    key[column] = value;
  }
  return key;
}
