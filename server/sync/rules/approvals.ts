import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Currency } from '../../../shared/domain/money';
import { hasPermission, scopeCovers } from '../../../shared/domain/permissions';
import {
  DEFAULT_APPROVAL_POLICY,
  RISK_SIGNAL_CODES,
  decideApproval,
} from '../../../shared/domain/returns';
import { approvals, orders, refundRequests } from '../../database/schema';
import type { MarketplaceCode } from '../../../shared/domain/marketplaces';
import {
  resolvePinnedPolicy,
  resolvePolicy,
  type EffectivePolicy,
} from '../../../shared/domain/policy/policy-set';
import { routeRefund, tierAllows, type ApprovalTier } from '../../../shared/domain/policy/routing';
import { publishedPolicySets } from './policy-sets';
import { userById } from '../../directory/lookup';
import { reachCovers } from '../../directory/scope';
import type { ApprovalRow, RefundRequestRow } from '../row-schemas';
import {
  publish,
  rowsOf,
  sameRow,
  storedRow,
  storedRowByKey,
  syncRowsReadable,
  withoutKeys,
  type MutationContext,
} from './context';
import { requireOfflineProof } from './offline-proof';
import { reject } from './rejection';
import { refundRequestById } from './refund-requests';

type RefundRequestRecord = NonNullable<Awaited<ReturnType<typeof refundRequestById>>>;

const RiskSignalsSchema = z.array(
  z.object({
    code: z.enum(RISK_SIGNAL_CODES),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }),
);

/** The fixed policy desktops used before policy sets existed (their requests name it). */
const LEGACY_POLICIES = [DEFAULT_APPROVAL_POLICY];

async function marketplaceOfOrder(
  ctx: MutationContext,
  orderId: string,
): Promise<string | undefined> {
  const [order] = await ctx.tx
    .select({ marketplace: orders.marketplace })
    .from(orders)
    .where(eq(orders.id, orderId));
  return order?.marketplace;
}

/**
 * A policy approval (no person) stands only if the back office, given the request's own amount
 * and risk signals, routes it to nobody too: under exactly the policy versions the request names
 * (shared/domain/policy), or — when the same mutation publishes a policy version — under the
 * policy as published now (an admin's publish approves what its preview said it would).
 */
async function requirePolicyApproves(ctx: MutationContext, request: RefundRequestRecord) {
  const stored = await storedRowByKey(ctx, 'refundRequests', request.id);
  const data = stored!.data as RefundRequestRow;
  let signals: z.infer<typeof RiskSignalsSchema>;
  try {
    signals = RiskSignalsSchema.parse(JSON.parse(data.riskSignals));
  } catch {
    reject('INVALID_ROW', 'The request’s risk signals are not readable.');
  }
  const amount = { amountMinor: data.totalMinor, currency: data.currency as Currency };
  const legacy = LEGACY_POLICIES.find(
    (p) => p.id === data.approvalPolicyId && p.version === data.approvalPolicyVersion,
  );
  if (legacy) {
    const decision = decideApproval({ amount, signals, policy: legacy });
    if (data.decision !== 'auto_approved' || decision.decision !== 'auto_approved') {
      reject('FORBIDDEN', 'This refund needs a manager; the policy does not approve it by itself.');
    }
    return;
  }
  const marketplace = await marketplaceOfOrder(ctx, data.orderId);
  const regionId = ctx.regionOfStore(data.storeId);
  if (!marketplace || !regionId)
    reject('UNKNOWN_REFERENCE', 'The request’s order or store is unknown.');
  const target = { storeId: data.storeId, regionId, marketplace: marketplace as MarketplaceCode };
  await syncRowsReadable(ctx);
  const sets = await publishedPolicySets(ctx.tx);
  const candidates: EffectivePolicy[] = [];
  const pinned = resolvePinnedPolicy(sets, target, data.approvalPolicyId);
  if (pinned && data.decision === 'auto_approved') candidates.push(pinned);
  if (rowsOf(ctx, 'policySets').length > 0) candidates.push(resolvePolicy(sets, target));
  if (candidates.length === 0 && !pinned) {
    reject('FORBIDDEN', `Approval policy ${data.approvalPolicyId} is unknown here.`);
  }
  const approves = candidates.some(
    (policy) => routeRefund({ amount, signals, policy }).tier === 'auto',
  );
  if (!approves) {
    reject('FORBIDDEN', 'This refund needs a manager; the policy does not approve it by itself.');
  }
}

/** DESIGN.md §8: a manager whose scope covers the store, active, allowed to decide, not the requester. */
async function requireDecider(
  ctx: MutationContext,
  row: ApprovalRow,
  request: RefundRequestRecord,
) {
  if (row.decidedBy === null) {
    if (row.method !== 'policy' || row.decision !== 'approved') {
      reject('FORBIDDEN', 'Only the policy decides without a person, and it only approves.');
    }
    return requirePolicyApproves(ctx, request);
  }
  if (row.method === 'policy') reject('INVALID_ROW', 'A policy decision names no person.');
  const decider = await userById(ctx.tx, row.decidedBy);
  if (!decider) reject('UNKNOWN_REFERENCE', 'The decision names an unknown user.');
  if (!decider.active || !hasPermission(decider.role, 'approvals.decide')) {
    reject('FORBIDDEN', 'The person who decided may not decide refunds.');
  }
  if (!scopeCovers(decider.scope, { storeId: request.storeId }, ctx.regionOfStore)) {
    reject('OUT_OF_SCOPE', 'The person who decided is not responsible for this store.');
  }
  if (row.decidedBy === request.requestedBy) {
    reject('FORBIDDEN', 'Nobody decides their own refund request.');
  }
  const stored = await storedRowByKey(ctx, 'refundRequests', request.id);
  const tier = (stored?.data as RefundRequestRow | undefined)?.approvalTier;
  if (tier && !tierAllows(tier as ApprovalTier, decider.role)) {
    reject('FORBIDDEN', `This refund needs a decision at the ${tier.replace('_', ' ')} level.`);
  }
}

async function liveDecision(ctx: MutationContext, requestId: string) {
  const [row] = await ctx.tx
    .select()
    .from(approvals)
    .where(and(eq(approvals.refundRequestId, requestId), isNull(approvals.beatenAt)));
  return row;
}

/**
 * A denial that arrives after an approval whose refund has not gone to Amazon yet wins
 * (DESIGN.md §5): the approval is kept on record as beaten and removed from desktops by a
 * tombstone.
 */
async function beatApproval(
  ctx: MutationContext,
  beaten: { id: string },
  denial: ApprovalRow,
  storeId: string,
) {
  await ctx.tx
    .update(approvals)
    .set({ beatenAt: ctx.now, beatenBy: denial.id })
    .where(eq(approvals.id, beaten.id));
  const stored = await storedRowByKey(ctx, 'approvals', beaten.id);
  await publish(ctx, 'approvals', stored!.data, { storeId }, true);
}

async function applyApproval(ctx: MutationContext, row: ApprovalRow) {
  const request = await refundRequestById(ctx, row.refundRequestId);
  if (!request) reject('UNKNOWN_REFERENCE', 'The decision names an unknown refund request.');
  if (!reachCovers(ctx.reach, { storeId: request.storeId })) {
    reject('OUT_OF_SCOPE', 'This refund request belongs to a store this device does not reach.');
  }
  const stored = await storedRow(ctx, 'approvals', row);
  if (stored) {
    // The back office's confirmation is its own; the same decision sent again is a no-op.
    if (sameRow(withoutKeys(stored.data, ['confirmedAt']), withoutKeys(row, ['confirmedAt'])))
      return;
    reject('IMMUTABLE', 'A decision cannot change once made.');
  }
  if (row.deviceId !== ctx.device.id)
    reject('FORBIDDEN', 'A device sends only decisions made at it.');
  if (row.requestDigest !== request.digest) {
    reject('DIGEST_MISMATCH', 'The decision is bound to another version of the request.');
  }
  await requireDecider(ctx, row, request);
  const requestData = (await storedRowByKey(ctx, 'refundRequests', request.id))!
    .data as RefundRequestRow;
  const offline = row.method === 'offline_code';
  if (offline) {
    await requireOfflineProof(ctx, row, {
      requestDigest: request.digest,
      storeId: request.storeId,
      totalMinor: requestData.totalMinor,
      currency: requestData.currency,
    });
  } else if (row.offlineProof != null || row.confirmedAt != null) {
    reject('INVALID_ROW', 'Only an offline-code decision carries a proof; only we confirm.');
  }
  const sentWith = rowsOf<RefundRequestRow>(ctx, 'refundRequests').find((r) => r.id === request.id);
  if (sentWith && sentWith.status !== row.decision) {
    reject('INVALID_ROW', 'The request sent with the decision has another status.');
  }

  const live = await liveDecision(ctx, request.id);
  if (live) {
    const denialBeatsApproval =
      live.decision === 'approved' && row.decision === 'denied' && request.status === 'approved';
    if (!denialBeatsApproval)
      reject('ALREADY_DECIDED', `This request was ${request.status} already.`);
    await beatApproval(ctx, live, row, request.storeId);
  } else if (request.status !== 'pending_approval') {
    reject('ALREADY_DECIDED', `This request was ${request.status} already.`);
  }

  // Every decision that stands is confirmed on receipt; an offline one once its proof checked
  // out (above), which its row then says, so the store shows it confirmed.
  await ctx.tx.insert(approvals).values({
    id: row.id,
    refundRequestId: row.refundRequestId,
    decision: row.decision,
    decidedBy: row.decidedBy,
    deviceId: row.deviceId,
    method: row.method,
    confirmedAt: ctx.now,
  });
  await publish(ctx, 'approvals', offline ? { ...row, confirmedAt: ctx.now.toISOString() } : row, {
    storeId: request.storeId,
  });
  await ctx.tx
    .update(refundRequests)
    .set({ status: row.decision })
    .where(eq(refundRequests.id, request.id));
  const requestRow = await storedRowByKey(ctx, 'refundRequests', request.id);
  await publish(
    ctx,
    'refundRequests',
    { ...requestRow!.data, status: row.decision },
    { storeId: request.storeId },
  );
}

/** First valid decision wins; a valid denial beats an approval not yet executed. */
export async function applyApprovals(ctx: MutationContext): Promise<void> {
  for (const row of rowsOf<ApprovalRow>(ctx, 'approvals')) await applyApproval(ctx, row);
}
