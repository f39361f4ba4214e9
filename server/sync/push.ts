import { hlcParse } from '../../shared/domain/hlc';
import {
  PushRequestSchema,
  SYNC_MAX_CLOCK_AHEAD_MS,
  SYNC_PROTOCOL_VERSION,
  type MutationResult,
  type PushRequest,
  type PushResponse,
} from '../../shared/sync/protocol';
import type { Db } from '../database/client';
import { syncBatches } from '../database/schema';
import { markDeviceSeen } from '../directory/devices';
import { storeRegionMap } from '../directory/lookup';
import { reachOf, type DeviceIdentity } from '../directory/scope';
import { HttpProblem } from '../http/errors';
import { applyMutationInBatch } from './apply-mutation';
import { appendAuditEventsLocked } from './audit-chain';
import {
  duplicateAnswer,
  lastMutationIdOf,
  recordProcessed,
  type ProcessedMutation,
} from './client-state';
import { parseSyncRequest } from './parse-request';
import { BatchMemo } from './batch-memo';
import { PendingPublishes } from './sync-rows';
import { withSyncWrite } from './write-lock';

function requireClockNotAhead(request: PushRequest, now: Date): void {
  const limit = now.getTime() + SYNC_MAX_CLOCK_AHEAD_MS;
  if (Date.parse(request.sentAt) > limit) {
    throw new HttpProblem(
      'CLOCK_SKEW',
      'This computer’s clock is ahead of the back office’s; set its time.',
    );
  }
  for (const mutation of request.mutations) {
    let wallMs: number;
    try {
      wallMs = hlcParse(mutation.hlc).wallMs;
    } catch {
      throw new HttpProblem(
        'MALFORMED_BATCH',
        `Mutation ${mutation.mutationId} has no readable hlc.`,
      );
    }
    if (wallMs > limit) {
      throw new HttpProblem(
        'CLOCK_SKEW',
        `Mutation ${mutation.mutationId} was stamped in the future; set this computer’s time.`,
      );
    }
  }
}

/** A batch id is used once: a second arrival (a replayed request) changes nothing. */
async function claimBatch(db: Db, request: PushRequest, now: Date): Promise<void> {
  const claimed = await db
    .insert(syncBatches)
    .values({ batchId: request.batchId, clientId: request.clientId, receivedAt: now })
    .onConflictDoNothing()
    .returning({ batchId: syncBatches.batchId });
  if (claimed.length === 0) {
    throw new HttpProblem('BATCH_REPLAYED', 'This batch was received before; send a new batch id.');
  }
}

/**
 * POST /v1/sync/push (DESIGN.md §5). The whole request is checked first — shape, sender, clocks
 * — and refused with nothing changed. Then the batch is applied in ONE transaction under the
 * sync write lock: the batch id is claimed (a replay changes nothing), each mutation is applied
 * in mutationId order in a savepoint of its own (apply-mutation.ts: a rejected one rolls back
 * alone and is recorded as rejected), those already processed answered `duplicate`; then the
 * audit events; then the published rows and the answers are written in bulk. A failure that is
 * not a rule's refusal rolls the whole batch back, so nothing of it is recorded and the desktop
 * pushes the same mutations again (each processed exactly once).
 */
export async function handlePush(
  db: Db,
  device: DeviceIdentity,
  body: unknown,
  now: Date,
): Promise<PushResponse> {
  const request = parseSyncRequest(PushRequestSchema, body, SYNC_PROTOCOL_VERSION);
  if (request.clientId !== device.id) {
    throw new HttpProblem('FORBIDDEN', 'clientId must be the device the token belongs to.');
  }
  requireClockNotAhead(request, now);

  const reach = await reachOf(db, device);
  const regions = await storeRegionMap(db);
  const regionOfStore = (storeId: string) => regions.get(storeId);
  const ordered = [...request.mutations].sort((a, b) => a.mutationId - b.mutationId);
  const answer = await withSyncWrite(db, async (tx) => {
    await claimBatch(tx, request, now);
    // Under the lock: a second push of the same outbox racing this one finds it processed.
    let last = await lastMutationIdOf(tx, device.id);
    const pending = new PendingPublishes(now);
    const memo = new BatchMemo();
    const processed: ProcessedMutation[] = [];
    const results: MutationResult[] = [];
    for (const mutation of ordered) {
      if (mutation.mutationId <= last) {
        const earlier = processed.find((p) => p.mutationId === mutation.mutationId);
        results.push(
          earlier
            ? { ...earlier.result, status: 'duplicate' }
            : await duplicateAnswer(tx, device.id, mutation.mutationId),
        );
        continue;
      }
      const input = { device, reach, mutation, regionOfStore, now };
      results.push(await applyMutationInBatch(tx, input, { pending, memo, processed }));
      last = mutation.mutationId;
    }
    const auditHead = await appendAuditEventsLocked(tx, device, request.audit, now);
    await pending.flushBatch(tx);
    await recordProcessed(tx, processed);
    return { lastMutationId: last, results, auditHead };
  });
  await markDeviceSeen(db, device.id, now);
  return { ...answer, serverTime: now.toISOString() };
}
