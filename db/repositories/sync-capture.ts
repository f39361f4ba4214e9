import { count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { SYNC_TABLES, type RowChange } from '../../shared/sync/protocol';
import type { Db } from '../client';
import { outbox, syncPendingRows } from '../schema';
import { readRow, rowKeyOf, toWireRow } from './sync-tables';

const PendingTable = z.enum(SYNC_TABLES);

/**
 * Copies the rows noted by the capture triggers since the last capture into the outbox row of
 * `mutationId`, as they are now (call at the end of the change's transaction), and empties the
 * list. A row captured twice for one mutation keeps its first place with its latest content.
 * Returns how many rows the mutation carries.
 */
export function captureChangedRows(db: Db, mutationId: number): number {
  const pending = db.select().from(syncPendingRows).orderBy(syncPendingRows.seq).all();
  const mutation = db
    .select({ rows: outbox.rows })
    .from(outbox)
    .where(eq(outbox.mutationId, mutationId))
    .get();
  if (!mutation) throw new Error(`outbox mutation ${mutationId} not found`);
  const rows = JSON.parse(mutation.rows) as RowChange[];
  if (pending.length === 0) return rows.length;
  const positions = new Map(
    rows.map((change, i) => [`${change.table}|${rowKeyOf(change.table, change.row)}`, i]),
  );
  for (const { tableName, rowKey } of pending) {
    const table = PendingTable.parse(tableName);
    const row = readRow(db, table, JSON.parse(rowKey) as Record<string, unknown>);
    // Written and then gone in the same transaction: nothing to carry.
    if (!row) continue;
    const change: RowChange = { table, row: toWireRow(table, row) };
    const position = positions.get(`${table}|${rowKey}`);
    if (position === undefined) {
      positions.set(`${table}|${rowKey}`, rows.length);
      rows.push(change);
    } else {
      rows[position] = change;
    }
  }
  db.update(outbox)
    .set({ rows: JSON.stringify(rows) })
    .where(eq(outbox.mutationId, mutationId))
    .run();
  discardCapturedRows(db);
  return rows.length;
}

/**
 * Forgets the rows noted so far. For writes that are not a change of their own: rows applied
 * by a pull (the back office's, not ours), sign-in counters (local only), the demo seed.
 */
export function discardCapturedRows(db: Db): void {
  db.delete(syncPendingRows).run();
}

export function capturedRowCount(db: Db): number {
  return db.select({ n: count() }).from(syncPendingRows).get()?.n ?? 0;
}
