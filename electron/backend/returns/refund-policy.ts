import { MARKETPLACES, type MarketplaceCode } from '../../../shared/domain/marketplaces';
import type { Money } from '../../../shared/domain/money';
import {
  policyLabel,
  resolvePolicy,
  type EffectivePolicy,
} from '../../../shared/domain/policy/policy-set';
import { endOfLocalDay, refundDueDate } from '../../../shared/domain/policy/refund-deadline';
import { routeRefund, type ApprovalTier } from '../../../shared/domain/policy/routing';
import type { RiskSignal } from '../../../shared/domain/returns';
import { publishedPolicySets } from '../../../db/repositories/policy-sets';
import type { HandlerContext } from '../context';

/** The refund policy in force for one store and marketplace, from the published sets held here. */
export function refundPolicyFor(
  ctx: HandlerContext,
  storeId: string,
  marketplace: MarketplaceCode,
): EffectivePolicy {
  return resolvePolicy(publishedPolicySets(ctx.db), {
    storeId,
    regionId: ctx.regionOfStore(storeId) ?? '',
    marketplace,
  });
}

export interface RefundDecision {
  decision: 'auto_approved' | 'needs_manager';
  tier: ApprovalTier;
  reasons: { code: string; params?: Record<string, string | number> }[];
  /** The versions that decided, pinned on the request ("chain v3 · region-na v2"). */
  policyId: string;
  policyVersion: number;
  /** When the refund must be paid: the end of the due business day in the marketplace's zone. */
  dueAt: string;
}

/** Who must decide a refund and by when, under the policy in force (shared/domain/policy). */
export function decideRefund(
  ctx: HandlerContext,
  input: {
    storeId: string;
    marketplace: MarketplaceCode;
    amount: Money;
    signals: readonly RiskSignal[];
    /** When the item came back to the store. */
    receivedAt: string;
    policy?: EffectivePolicy;
  },
): RefundDecision {
  const policy = input.policy ?? refundPolicyFor(ctx, input.storeId, input.marketplace);
  const routing = routeRefund({ amount: input.amount, signals: input.signals, policy });
  const due = refundDueDate({
    receivedAt: input.receivedAt,
    marketplace: input.marketplace,
    businessDays: policy.rules.refundDueBusinessDays,
    holidays: policy.rules.holidays,
  });
  return {
    decision: routing.tier === 'auto' ? 'auto_approved' : 'needs_manager',
    tier: routing.tier,
    reasons: routing.reasons,
    policyId: policyLabel(policy),
    policyVersion: Math.max(0, ...policy.sources.map((s) => s.version)),
    dueAt: new Date(endOfLocalDay(due, MARKETPLACES[input.marketplace].timeZone)).toISOString(),
  };
}
