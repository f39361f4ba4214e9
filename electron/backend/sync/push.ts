import { asc, gt } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  acknowledgeMutation,
  acknowledgeThrough,
  pendingMutations,
  rejectMutation,
  type PendingMutation,
} from '../../../db/repositories/outbox';
import { readSyncState, updateSyncState } from '../../../db/repositories/sync-state';
import { auditEvents } from '../../../db/schema';
import {
  AuditEventWireSchema,
  PushedMutationSchema,
  SYNC_MAX_MUTATIONS_PER_PUSH,
  SYNC_PROTOCOL_VERSION,
  type AuditEventWire,
  type PushedMutation,
  type PushRequest,
  type PushResponse,
} from '../../../shared/sync/protocol';
import { undoRejectedOfflineApproval } from './offline-approval-undo';
import { markRefusedRefundRequest } from './refund-refusal';
import type { SyncSession } from './session';

export interface PushLimits {
  /** Mutations per request. */
  maxMutations: number;
  /** JSON bytes per request (before gzip); one mutation larger than this still goes alone. */
  maxBytes: number;
  /** Audit events per request. */
  maxAuditEvents: number;
}

/** Well under the protocol's limits (8 MiB, 2000 mutations): a request a slow line finishes. */
export const DEFAULT_PUSH_LIMITS: PushLimits = {
  maxMutations: 200,
  maxBytes: 4 * 1024 * 1024,
  maxAuditEvents: 1000,
};

export interface PushOutcome {
  requests: number;
  acknowledged: number;
  rejected: number;
}

/**
 * Pushes the outbox in mutation order, batch after batch, until nothing is pending (or the back
 * office stops making progress), with this device's audit events after the acknowledged head.
 */
export async function pushPending(
  session: SyncSession,
  limits: PushLimits = DEFAULT_PUSH_LIMITS,
): Promise<PushOutcome> {
  const outcome: PushOutcome = { requests: 0, acknowledged: 0, rejected: 0 };
  for (;;) {
    const request = nextPushBatch(session, limits);
    if (!request) return outcome;
    const response = await session.client.push(request);
    session.signal.throwIfAborted();
    outcome.requests += 1;
    const settled = applyPushResponse(session, request, response);
    outcome.acknowledged += settled.acknowledged;
    outcome.rejected += settled.rejected;
    // An answer that settles nothing would have us send the same batch for ever.
    if (settled.acknowledged + settled.rejected === 0 && !settled.auditAdvanced) return outcome;
  }
}

/** The next request, or null when there is nothing to push. A fresh batch id every time. */
export function nextPushBatch(session: SyncSession, limits: PushLimits): PushRequest | null {
  const { db } = session;
  const at = new Date(session.now()).toISOString();
  let budget = limits.maxBytes;
  const mutations: PushedMutation[] = [];
  for (const pending of pendingMutations(
    db,
    Math.min(limits.maxMutations, SYNC_MAX_MUTATIONS_PER_PUSH),
  )) {
    const wire = toWire(pending);
    if (!wire.success) {
      // It can never be sent as it is; waiting would hold up every change after it.
      rejectMutation(
        db,
        pending.mutationId,
        { code: 'INVALID_ROW', reason: `Not sendable: ${wire.error}` },
        at,
      );
      continue;
    }
    const size = Buffer.byteLength(JSON.stringify(wire.data));
    if (mutations.length > 0 && size > budget) break;
    budget -= size;
    mutations.push(wire.data);
  }

  const head = readSyncState(db).auditHeadSeq;
  const audit: AuditEventWire[] = [];
  const events = db
    .select()
    .from(auditEvents)
    .where(gt(auditEvents.seq, head))
    .orderBy(asc(auditEvents.seq))
    .limit(limits.maxAuditEvents)
    .all();
  for (const event of events) {
    const size = Buffer.byteLength(JSON.stringify(event));
    if ((mutations.length > 0 || audit.length > 0) && size > budget) break;
    budget -= size;
    audit.push(AuditEventWireSchema.parse(event));
  }

  if (mutations.length === 0 && audit.length === 0) return null;
  return {
    protocolVersion: SYNC_PROTOCOL_VERSION,
    clientId: session.deviceId,
    batchId: uuidv7(),
    sentAt: at,
    mutations,
    audit,
  };
}

function toWire(
  pending: PendingMutation,
): { success: true; data: PushedMutation } | { success: false; error: string } {
  const parsed = PushedMutationSchema.safeParse({
    mutationId: pending.mutationId,
    id: pending.id,
    name: pending.name,
    args: JSON.parse(pending.args) as unknown,
    hlc: pending.hlc,
    userId: pending.userId,
    storeId: pending.storeId,
    createdAt: pending.createdAt,
    rows: JSON.parse(pending.rows) as unknown,
  });
  if (parsed.success) return { success: true, data: parsed.data };
  return {
    success: false,
    error: parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; '),
  };
}

/**
 * Records the back office's answer in one transaction: each mutation acknowledged or rejected
 * (with its code and reason), everything up to `lastMutationId` processed, the audit head.
 */
export function applyPushResponse(
  session: SyncSession,
  request: PushRequest,
  response: PushResponse,
): { acknowledged: number; rejected: number; auditAdvanced: boolean } {
  const { db } = session;
  const at = new Date(session.now()).toISOString();
  return db.$client.transaction(() => {
    let acknowledged = 0;
    let rejected = 0;
    const sent = new Set(request.mutations.map((m) => m.mutationId));
    for (const result of response.results) {
      if (!sent.has(result.mutationId)) continue;
      // A `duplicate` with a code is a rejection whose first answer was lost (the back office
      // repeats its code and reason): it is a rejection all the same.
      if (result.status === 'rejected' || (result.status === 'duplicate' && result.code)) {
        const rejection = { code: result.code ?? 'INTERNAL', reason: result.reason ?? '' };
        const settled = rejectMutation(db, result.mutationId, rejection, at);
        rejected += settled;
        // An offline-code approval the back office refused was never confirmed: take it back.
        const mutation = request.mutations.find((m) => m.mutationId === result.mutationId);
        if (settled && mutation) {
          undoRejectedOfflineApproval(session, mutation, rejection, at);
          // A refund request the back office refused will never come back by pull: say so.
          markRefusedRefundRequest(session, mutation, rejection, at);
        }
      } else {
        acknowledged += acknowledgeMutation(db, result.mutationId, at);
      }
    }
    acknowledged += acknowledgeThrough(db, response.lastMutationId, at);
    const before = readSyncState(db);
    updateSyncState(db, {
      lastMutationIdAcked: Math.max(before.lastMutationIdAcked, response.lastMutationId),
      ...(response.auditHead
        ? { auditHeadSeq: response.auditHead.seq, auditHeadHash: response.auditHead.hash }
        : {}),
    });
    const auditAdvanced = (response.auditHead?.seq ?? before.auditHeadSeq) > before.auditHeadSeq;
    return { acknowledged, rejected, auditAdvanced };
  })();
}
