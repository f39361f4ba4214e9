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

/**
 * Records the answers of a push batch and advances the device's lastMutationId, in the batch's
 * transaction: one insert for the answers, one upsert for the device.
 */
export async function recordProcessed(db: Db, processed: ProcessedMutation[]): Promise<void> {
  if (processed.length === 0) return;
  // 9 parameters a row: chunks stay far below PostgreSQL's 65,535.
  for (let i = 0; i < processed.length; i += 1000) {
    await db.insert(syncMutations).values(
      processed.slice(i, i + 1000).map((p) => ({
        clientId: p.clientId,
        mutationId: p.mutationId,
        id: p.id,
        name: p.name,
        userId: p.userId,
        status: p.result.status,
        code: p.result.code ?? null,
        reason: p.result.reason ?? null,
        processedAt: p.now,
      })),
    );
  }
  const last = processed.reduce((a, b) => (b.mutationId > a.mutationId ? b : a));
  await db
    .insert(syncClients)
    .values({ clientId: last.clientId, lastMutationId: last.mutationId, updatedAt: last.now })
    .onConflictDoUpdate({
      target: syncClients.clientId,
      set: {
        lastMutationId: sql`greatest(${syncClients.lastMutationId}, excluded.last_mutation_id)`,
        updatedAt: last.now,
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
