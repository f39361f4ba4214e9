import { count, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { outbox } from '../schema';

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
