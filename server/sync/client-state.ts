import { and, eq, sql } from 'drizzle-orm';
import type { MutationResult, SyncErrorCode } from '../../shared/sync/protocol';
import type { Db } from '../database/client';
import { syncClients, syncMutations } from '../database/schema';

/** The last mutation of this device the server has processed (applied or rejected). */
export async function lastMutationIdOf(db: Db, clientId: string): Promise<number> {
  const [row] = await db
    .select({ last: syncClients.lastMutationId })
    .from(syncClients)
    .where(eq(syncClients.clientId, clientId));
  return row?.last ?? 0;
}

export interface ProcessedMutation {
  clientId: string;
  mutationId: number;
  id: string;
  name: string;
  userId: string | null;
  result: MutationResult;
  now: Date;
}

/** Records the answer and advances the device's lastMutationId, in the mutation's transaction. */
export async function recordProcessed(db: Db, processed: ProcessedMutation): Promise<void> {
  await db.insert(syncMutations).values({
    clientId: processed.clientId,
    mutationId: processed.mutationId,
    id: processed.id,
    name: processed.name,
    userId: processed.userId,
    status: processed.result.status,
    code: processed.result.code ?? null,
    reason: processed.result.reason ?? null,
    processedAt: processed.now,
  });
  await db
    .insert(syncClients)
    .values({
      clientId: processed.clientId,
      lastMutationId: processed.mutationId,
      updatedAt: processed.now,
    })
    .onConflictDoUpdate({
      target: syncClients.clientId,
      set: {
        lastMutationId: sql`greatest(${syncClients.lastMutationId}, excluded.last_mutation_id)`,
        updatedAt: processed.now,
      },
    });
}

/**
 * A mutation processed before: `duplicate`, with the first answer's code and reason where it
 * was refused, so a desktop that lost the first answer still learns why.
 */
export async function duplicateAnswer(
  db: Db,
  clientId: string,
  mutationId: number,
): Promise<MutationResult> {
  const [row] = await db
    .select({
      status: syncMutations.status,
      code: syncMutations.code,
      reason: syncMutations.reason,
    })
    .from(syncMutations)
    .where(and(eq(syncMutations.clientId, clientId), eq(syncMutations.mutationId, mutationId)));
  if (row?.status === 'rejected' && row.code) {
    return {
      mutationId,
      status: 'duplicate',
      code: row.code as SyncErrorCode,
      reason: row.reason ?? undefined,
    };
  }
  return { mutationId, status: 'duplicate' };
}
