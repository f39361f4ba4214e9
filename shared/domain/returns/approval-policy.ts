import { CURRENCIES, type Currency, type Money } from '../money';
import { parseInstant } from './zoned-date';

/**
 * Who must look at a refund before money moves (DESIGN.md §8): small refunds pass at once;
 * larger ones, and any refund with a risk signal, wait for a manager. The decision records the
 * policy id and version that made it.
 */

export const RISK_SIGNAL_CODES = [
  'SERIAL_RETURNER',
  'OUTSIDE_WINDOW',
  'SERIAL_MISMATCH',
  'ALREADY_REFUNDED',
  'HIGH_VALUE',
  'ELIGIBILITY_OVERRIDDEN',
  'PARTIAL_REFUND_ADJUSTED',
  /** The same buyer returned the same SKU again within the policy's window. */
  'REPEATED_SKU',
] as const;
export type RiskSignalCode = (typeof RISK_SIGNAL_CODES)[number];

export interface RiskSignal {
  code: RiskSignalCode;
  params?: Record<string, string | number>;
}

export interface ApprovalPolicy {
  id: string;
  version: number;
  /** A refund strictly below this (minor units) with no risk signal is approved at once. */
  autoApproveBelowMinor: Record<Currency, number>;
  /** `returns` or more earlier returns by one buyer within `days` days is a signal. */
  serialReturner: { returns: number; days: number };
}

/**
 * About 50 USD in each currency — rounded approximate equivalents, not live exchange rates;
 * a chain sets its own per region, store and currency.
 */
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = Object.freeze({
  id: 'approval-2026.1',
  version: 1,
  autoApproveBelowMinor: Object.freeze({
    USD: 5000,
    CAD: 6800,
    MXN: 90000,
    GBP: 4000,
    EUR: 4600,
    JPY: 7500,
  }),
  // A guess to tune with real data: three earlier returns in 90 days.
  serialReturner: Object.freeze({ returns: 3, days: 90 }),
});

export type ApprovalReasonCode =
  RiskSignalCode | 'ABOVE_THRESHOLD' | 'NO_THRESHOLD_FOR_CURRENCY' | 'FINANCE_THRESHOLD';

export interface ApprovalDecision {
  decision: 'auto_approved' | 'needs_manager';
  reasons: { code: ApprovalReasonCode; params?: Record<string, string | number> }[];
  policyId: string;
  policyVersion: number;
}

export function decideApproval(input: {
  amount: Money;
  signals: RiskSignal[];
  policy: ApprovalPolicy;
}): ApprovalDecision {
  const { amount, signals, policy } = input;
  if (!Number.isSafeInteger(amount.amountMinor) || amount.amountMinor < 0) {
    throw new RangeError(`a refund is a non-negative integer amount, got ${amount.amountMinor}`);
  }
  const reasons: ApprovalDecision['reasons'] = [];
  const threshold = (CURRENCIES as readonly string[]).includes(amount.currency)
    ? policy.autoApproveBelowMinor[amount.currency]
    : undefined;

  if (threshold === undefined || !Number.isSafeInteger(threshold)) {
    // A policy from configuration that forgot a currency fails safe: a person decides.
    reasons.push({ code: 'NO_THRESHOLD_FOR_CURRENCY', params: { currency: amount.currency } });
  } else if (amount.amountMinor >= threshold) {
    reasons.push({
      code: 'ABOVE_THRESHOLD',
      params: {
        thresholdMinor: threshold,
        amountMinor: amount.amountMinor,
        currency: amount.currency,
      },
    });
  }
  for (const signal of signals) {
    reasons.push(
      signal.params ? { code: signal.code, params: signal.params } : { code: signal.code },
    );
  }
  return {
    decision: reasons.length === 0 ? 'auto_approved' : 'needs_manager',
    reasons,
    policyId: policy.id,
    policyVersion: policy.version,
  };
}

/**
 * The SERIAL_RETURNER signal for a buyer whose earlier returns were opened at `earlierReturnsAt`
 * (ISO instants), or null. The look-back is `days` × 24 h before `now`.
 */
export function serialReturnerSignal(
  earlierReturnsAt: readonly string[],
  now: string,
  policy: ApprovalPolicy,
): RiskSignal | null {
  const nowMs = parseInstant(now);
  const sinceMs = nowMs - policy.serialReturner.days * 86_400_000;
  const recent = earlierReturnsAt.filter((t) => {
    const ms = parseInstant(t);
    return ms >= sinceMs && ms <= nowMs;
  }).length;
  return recent >= policy.serialReturner.returns
    ? { code: 'SERIAL_RETURNER', params: { returns: recent, days: policy.serialReturner.days } }
    : null;
}
