import { sql } from 'drizzle-orm';
import type { Db } from '../database/client';

/** Any number will do as long as nothing else in the database uses it for a lock. */
const SYNC_WRITE_LOCK_KEY = 4_350_001;

/**
 * A transaction for anything that changes what desktops pull. Writers take one advisory lock,
 * so versions from `sync_version_seq` commit in the order they were drawn: a pull that saw
 * version n has seen every version below n, and its cookie never skips a late commit. It also
 * makes the sync rules' read-check-write free of races (two managers deciding one request at
 * once). One writer at a time is plenty for a chain's back office: a mutation takes
 * milliseconds.
 */
export async function withSyncWrite<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SYNC_WRITE_LOCK_KEY})`);
    return work(tx as unknown as Db);
  });
}
