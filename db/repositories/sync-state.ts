import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { syncState } from '../schema';

export type SyncStateRow = typeof syncState.$inferSelect;
export type SyncStatePatch = Partial<Omit<SyncStateRow, 'id'>>;

/** The one row (migration 0007 inserts it; recreated should someone have deleted it). */
export function readSyncState(db: Db): SyncStateRow {
  const row = db.select().from(syncState).where(eq(syncState.id, 1)).get();
  if (row) return row;
  return db.insert(syncState).values({ id: 1 }).returning().get();
}

export function updateSyncState(db: Db, patch: SyncStatePatch): SyncStateRow {
  readSyncState(db);
  return db.update(syncState).set(patch).where(eq(syncState.id, 1)).returning().get()!;
}

/** Forgets where a previous back office had got to (a different back office starts afresh). */
export const FRESH_SYNC_PROGRESS: SyncStatePatch = {
  cookie: null,
  lastMutationIdAcked: 0,
  auditHeadSeq: 0,
  auditHeadHash: null,
  lastSyncedAt: null,
};
