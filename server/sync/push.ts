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
import { applyMutation } from './apply-mutation';
import { appendAuditEvents } from './audit-chain';
import { duplicateAnswer, lastMutationIdOf } from './client-state';
import { parseSyncRequest } from './parse-request';

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
 * POST /v1/sync/push (DESIGN.md §5). The whole request is checked first — shape, sender, clocks,
 * replay — and refused with nothing changed; then each mutation is applied in mutationId order
 * in its own transaction, those already processed answered `duplicate`; then the audit events.
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
  await claimBatch(db, request, now);

  const reach = await reachOf(db, device);
  const regions = await storeRegionMap(db);
  const regionOfStore = (storeId: string) => regions.get(storeId);
  let last = await lastMutationIdOf(db, device.id);
  const results: MutationResult[] = [];
  const ordered = [...request.mutations].sort((a, b) => a.mutationId - b.mutationId);
  for (const mutation of ordered) {
    if (mutation.mutationId <= last) {
      results.push(await duplicateAnswer(db, device.id, mutation.mutationId));
      continue;
    }
    results.push(await applyMutation(db, { device, reach, mutation, regionOfStore, now }));
    last = mutation.mutationId;
  }
  const auditHead = await appendAuditEvents(db, device, request.audit, now);
  await markDeviceSeen(db, device.id, now);
  return { lastMutationId: last, results, auditHead, serverTime: now.toISOString() };
}
