import type { Money } from '../money';
import type { RiskSignal } from '../returns/approval-policy';
import type { EffectivePolicy } from './policy-set';

/**
 * Who must decide a refund: nobody (auto), a store manager, a regional manager, or a regional
 * manager and then finance. Escalation by amount per currency; any risk signal forces at least
 * a store manager. A currency with no threshold fails safe to a regional manager.
 */
export const APPROVAL_TIERS = ['auto', 'store_manager', 'regional_manager', 'finance'] as const;
export type ApprovalTier = (typeof APPROVAL_TIERS)[number];

export interface Routing {
  tier: ApprovalTier;
  reasons: { code: string; params?: Record<string, string | number> }[];
}

const RANK: Record<ApprovalTier, number> = {
  auto: 0,
  store_manager: 1,
  regional_manager: 2,
  finance: 3,
};
const atLeast = (a: ApprovalTier, b: ApprovalTier): ApprovalTier => (RANK[a] >= RANK[b] ? a : b);

export function routeRefund(input: {
  amount: Money;
  signals: readonly RiskSignal[];
  policy: EffectivePolicy;
}): Routing {
  const { amount, signals, policy } = input;
  if (!Number.isSafeInteger(amount.amountMinor) || amount.amountMinor < 0)
    throw new RangeError(`a refund is a non-negative integer amount, got ${amount.amountMinor}`);
  const r = policy.rules;
  const reasons: Routing['reasons'] = [];
  let tier: ApprovalTier = 'auto';
  const auto = r.autoApproveBelowMinor[amount.currency];
  const regional = r.regionalManagerFromMinor[amount.currency];
  const finance = r.financeFromMinor[amount.currency];
  const high = r.highValueFromMinor[amount.currency];
  if (auto === undefined || regional === undefined || finance === undefined) {
    reasons.push({ code: 'NO_THRESHOLD_FOR_CURRENCY', params: { currency: amount.currency } });
    tier = 'regional_manager';
  } else {
    if (amount.amountMinor >= auto) {
      tier = 'store_manager';
      reasons.push({
        code: 'ABOVE_THRESHOLD',
        params: {
          thresholdMinor: auto,
          amountMinor: amount.amountMinor,
          currency: amount.currency,
        },
      });
    }
    if (amount.amountMinor >= regional) tier = atLeast(tier, 'regional_manager');
    if (amount.amountMinor >= finance) {
      tier = atLeast(tier, 'finance');
      reasons.push({
        code: 'FINANCE_THRESHOLD',
        params: { thresholdMinor: finance, currency: amount.currency },
      });
    }
  }
  if (
    high !== undefined &&
    amount.amountMinor >= high &&
    !signals.some((s) => s.code === 'HIGH_VALUE')
  )
    reasons.push({
      code: 'HIGH_VALUE',
      params: { thresholdMinor: high, currency: amount.currency },
    });
  for (const s of signals)
    reasons.push(s.params ? { code: s.code, params: s.params } : { code: s.code });
  if (reasons.length > 0) tier = atLeast(tier, 'store_manager');
  return { tier, reasons };
}

/** Whether a person in this role may decide at this tier (finance tier: finance decides last). */
export function tierAllows(tier: ApprovalTier, role: string): boolean {
  switch (tier) {
    case 'auto':
      return true;
    case 'store_manager':
      return role === 'store_manager' || role === 'regional_manager';
    case 'regional_manager':
      return role === 'regional_manager';
    case 'finance':
      return role === 'finance' || role === 'regional_manager';
  }
}
