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
  // Bounded statements: 10 parameters a row, well under PostgreSQL's 65,535.
  for (let i = 0; i < rows.length; i += PUBLISH_CHUNK) {
    await insertRows(db, rows.slice(i, i + PUBLISH_CHUNK), now);
  }
}

const PUBLISH_CHUNK = 1000;

/** One multi-row upsert; versions are drawn in the order of `rows`. Keys must be distinct. */
async function insertRows(db: Db, rows: RowToPublish[], now: Date): Promise<void> {
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

interface PendingRow {
  row: RowToPublish;
  stored: StoredRow;
}

/**
 * Rows a push batch publishes, held back and written with one multi-row insert per batch
 * (server/sync/push.ts) instead of one statement per row. Reads of sync_rows by the rules go
 * through `read`, so a rule sees what the batch published before it exactly as if it had been
 * written. Two levels, matching the savepoint per mutation: the mutation being applied (dropped
 * when it is rejected and rolled back) and the mutations of the batch applied before it.
 *
 * A row published twice keeps its first place with its latest content: the versions drawn at
 * the flush keep parents (published first) before children. All of it commits at once with the
 * batch, so no pull ever sees part of it.
 */
export class PendingPublishes {
  private readonly batch = new Map<string, PendingRow>();
  private mutation = new Map<string, PendingRow>();

  constructor(private readonly now: Date) {}

  publish(row: RowToPublish): void {
    const key = `${row.table}|${rowKeyOf(row.table, row.data)}`;
    // `version` is not known before the flush; nothing in the rules reads it.
    const pending = { row, stored: { data: row.data, deleted: row.deleted ?? false, version: 0 } };
    this.mutation.set(key, pending);
  }

  /** The row as the batch has it so far: published by it, else stored. */
  async read(db: Db, table: SyncTable, rowKey: string): Promise<StoredRow | undefined> {
    const key = `${table}|${rowKey}`;
    const pending = this.mutation.get(key) ?? this.batch.get(key);
    return pending ? pending.stored : readRow(db, table, rowKey);
  }

  /** The mutation stands (its savepoint released): its rows join the batch's. */
  commitMutation(): void {
    for (const [key, pending] of this.mutation) this.batch.set(key, pending);
    this.mutation = new Map();
  }

  /** The mutation was rolled back: its rows never were. */
  discardMutation(): void {
    this.mutation = new Map();
  }

  get batchIsEmpty(): boolean {
    return this.batch.size === 0;
  }

  /**
   * Writes the batch's rows (call outside any mutation's savepoint, or a rollback of that
   * mutation would take earlier mutations' rows with it).
   */
  async flushBatch(db: Db): Promise<void> {
    const rows = [...this.batch.values()].map((p) => p.row);
    this.batch.clear();
    await publishRows(db, rows, this.now);
  }

  /**
   * Writes the current mutation's rows, for a rule about to query sync_rows directly. The
   * batch's must have been written before the mutation began (they would otherwise be drawn
   * later versions than this mutation's).
   */
  async flushMutation(db: Db): Promise<void> {
    if (!this.batchIsEmpty) {
      throw new Error('sync_rows read in a mutation while the batch has rows not yet written');
    }
    const rows = [...this.mutation.values()].map((p) => p.row);
    this.mutation = new Map();
    await publishRows(db, rows, this.now);
  }
}
