import { and, eq, sql } from 'drizzle-orm';
import type { SyncTable } from '../../shared/sync/protocol';
import type { Db } from '../database/client';
import { syncRows } from '../database/schema';

/**
 * Who may pull a row: a store's devices (and its region's and the chain's), a region's, the
 * devices of regions selling on a marketplace (orders), or everyone (none set).
 */
export interface Audience {
  storeId?: string | null;
  regionId?: string | null;
  marketplace?: string | null;
  /**
   * `managers`: only region- and chain-scoped devices among those (a manager's laptop), never a
   * store's till — for the secrets that make offline approval codes. Default `all`.
   */
  devices?: 'all' | 'managers';
}

export type RowData = Record<string, unknown>;

export interface StoredRow {
  data: RowData;
  deleted: boolean;
  version: number;
}

/** The key of a row within its table: its id, or what makes it unique where it has none. */
export function rowKeyOf(table: SyncTable, row: RowData): string {
  if (table === 'settings') return `${String(row.scope)}/${String(row.key)}`;
  if (table === 'manifestLines') return String(row.returnLineId);
  return String(row.id);
}

export async function readRow(
  db: Db,
  table: SyncTable,
  rowKey: string,
): Promise<StoredRow | undefined> {
  const [row] = await db
    .select({ data: syncRows.data, deleted: syncRows.deleted, version: syncRows.version })
    .from(syncRows)
    .where(and(eq(syncRows.tableName, table), eq(syncRows.rowKey, rowKey)))
    .limit(1);
  return row;
}

export interface RowToPublish {
  table: SyncTable;
  data: RowData;
  audience: Audience;
  deleted?: boolean;
}

/**
 * Writes rows as desktops will pull them, each at a new version. Call inside withSyncWrite.
 * Publishing a row again unchanged is how the server re-sends its own copy to a device whose
 * stale change it kept out, so that device converges.
 */
export async function publishRows(db: Db, rows: RowToPublish[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(syncRows)
    .values(
      rows.map((r) => ({
        tableName: r.table,
        rowKey: rowKeyOf(r.table, r.data),
        version: sql`nextval('sync_version_seq')`,
        storeId: r.audience.storeId ?? null,
        regionId: r.audience.regionId ?? null,
        marketplace: r.audience.marketplace ?? null,
        audience: r.audience.devices ?? 'all',
        data: r.data,
        deleted: r.deleted ?? false,
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [syncRows.tableName, syncRows.rowKey],
      set: {
        version: sql`excluded.version`,
        storeId: sql`excluded.store_id`,
        regionId: sql`excluded.region_id`,
        marketplace: sql`excluded.marketplace`,
        audience: sql`excluded.audience`,
        data: sql`excluded.data`,
        deleted: sql`excluded.deleted`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

export function publishRow(db: Db, row: RowToPublish, now: Date): Promise<void> {
  return publishRows(db, [row], now);
}
