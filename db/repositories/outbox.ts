import { and, asc, count, desc, eq, lte } from 'drizzle-orm';
import type { RowChange } from '../../shared/sync/protocol';
import type { Db } from '../client';
import { auditEvents, outbox } from '../schema';

export interface NewMutation {
  id: string;
  name: string;
  args: unknown;
  hlc: string;
  auditEventId: string;
  createdAt: string;
}

/** Queues a change for the back office; `mutation_id` gives the push order. */
export function appendMutation(db: Db, mutation: NewMutation): number {
  const row = db
    .insert(outbox)
    .values({ ...mutation, args: JSON.stringify(mutation.args) })
    .returning({ mutationId: outbox.mutationId })
    .get();
  return row.mutationId;
}

export function pendingMutationCount(db: Db): number {
  return db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending')).get()?.n ?? 0;
}

export function rejectedMutationCount(db: Db): number {
  return db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'rejected')).get()?.n ?? 0;
}

export type OutboxRow = typeof outbox.$inferSelect;

/** A pending mutation with who made it and for which store (from its audit event). */
export type PendingMutation = OutboxRow & { userId: string | null; storeId: string | null };

/** The oldest pending mutations first: the push order. */
export function pendingMutations(db: Db, limit: number): PendingMutation[] {
  return db
    .select({ mutation: outbox, userId: auditEvents.userId, storeId: auditEvents.storeId })
    .from(outbox)
    .leftJoin(auditEvents, eq(auditEvents.id, outbox.auditEventId))
    .where(eq(outbox.status, 'pending'))
    .orderBy(asc(outbox.mutationId))
    .limit(limit)
    .all()
    .map(({ mutation, userId, storeId }) => ({ ...mutation, userId, storeId }));
}

/** The row snapshots of every pending mutation, oldest first (what a rebase re-applies). */
export function pendingRowSnapshots(db: Db): { mutationId: number; rows: RowChange[] }[] {
  return db
    .select({ mutationId: outbox.mutationId, rows: outbox.rows })
    .from(outbox)
    .where(eq(outbox.status, 'pending'))
    .orderBy(asc(outbox.mutationId))
    .all()
    .map((m) => ({ mutationId: m.mutationId, rows: JSON.parse(m.rows) as RowChange[] }));
}

/**
 * The back office has the mutation. Its row snapshot is emptied (a photo would otherwise be
 * stored twice); the entry stays as the record of what was sent.
 */
export function acknowledgeMutation(db: Db, mutationId: number, at: string): number {
  return db
    .update(outbox)
    .set({ status: 'acked', settledAt: at, rows: '[]' })
    .where(and(eq(outbox.mutationId, mutationId), eq(outbox.status, 'pending')))
    .run().changes;
}

export function rejectMutation(
  db: Db,
  mutationId: number,
  rejection: { code: string; reason: string },
  at: string,
): number {
  return db
    .update(outbox)
    .set({
      status: 'rejected',
      rejectedCode: rejection.code,
      rejectedReason: rejection.reason,
      settledAt: at,
    })
    .where(and(eq(outbox.mutationId, mutationId), eq(outbox.status, 'pending')))
    .run().changes;
}

/**
 * Every pending mutation up to `lastMutationId` has been processed by the back office (the
 * server's word in a push or pull answer). Those without a per-mutation answer count as
 * acknowledged: were one rejected, the push that carried it said so already.
 */
export function acknowledgeThrough(db: Db, lastMutationId: number, at: string): number {
  return db
    .update(outbox)
    .set({ status: 'acked', settledAt: at, rows: '[]' })
    .where(and(eq(outbox.status, 'pending'), lte(outbox.mutationId, lastMutationId)))
    .run().changes;
}

/** Rejected mutations, newest first, with what the audit log says they changed. */
export function rejectedMutations(db: Db, limit: number) {
  return db
    .select({
      mutationId: outbox.mutationId,
      id: outbox.id,
      name: outbox.name,
      code: outbox.rejectedCode,
      reason: outbox.rejectedReason,
      createdAt: outbox.createdAt,
      settledAt: outbox.settledAt,
      userId: auditEvents.userId,
      storeId: auditEvents.storeId,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
    })
    .from(outbox)
    .leftJoin(auditEvents, eq(auditEvents.id, outbox.auditEventId))
    .where(eq(outbox.status, 'rejected'))
    .orderBy(desc(outbox.mutationId))
    .limit(limit)
    .all();
}
