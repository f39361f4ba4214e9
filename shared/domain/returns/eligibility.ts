import { MARKETPLACES } from '../marketplaces';
import { type EligibilityReason } from './eligibility-reasons';
import { isSellerFaultReason, type ReturnReasonCode } from './reason-codes';
import { restockingFeesFor, type NonReturnableRule, type ReturnPolicy } from './return-policy';
import { addDays, daysBetween, latestDate, localDateIn } from './zoned-date';

export type { EligibilityReason, EligibilityReasonCode } from './eligibility-reasons';
export { ELIGIBILITY_REASON_CODES } from './eligibility-reasons';

/**
 * May the counter take this item back, until when, and at what restocking fee? One pure
 * function of the order, the item's state, the policy and "now", so the desktop (offline) and
 * the back office (when the mutation arrives) reach the same verdict.
 */

export interface EligibilityInput {
  policy: ReturnPolicy;
  /** Amazon's order status: 'Delivered' | 'Shipped' | 'Unshipped' | 'Canceled' | … */
  orderStatus: string;
  /** ISO UTC instants. */
  purchasedAt: string;
  deliveredAt: string | null;
  /**
   * When the item shipped, if known. Holiday seasons are defined by ship date; without it the
   * purchase date stands in (Amazon words the season sometimes as "purchased", sometimes as
   * "shipped" — *unconfirmed* which is binding).
   */
  shippedAt?: string | null;
  /** Amazon's estimated (latest) delivery, used when there is no delivery date. */
  estimatedDeliveryAt?: string | null;
  now: string;
  category: string;
  /** Printed books are not sealed media; see NonReturnableRule.exceptPrintedBooks. */
  printedBook?: boolean;
  reason: ReturnReasonCode;
  condition: { opened: boolean; damaged: boolean; missingParts: boolean };
}

export interface EligibilityVerdict {
  /** May the counter take it without an override? */
  eligible: boolean;
  /**
   * May a manager override a "no"? False only when there is nothing to take back (a cancelled
   * or unshipped order) or a policy rule says so. Late returns and opened sealed goods are
   * overridable as goodwill (the law limits the buyer's right, not the seller's generosity).
   */
  overridable: boolean;
  withinWindow: boolean;
  /** Last day (inclusive), YYYY-MM-DD in the marketplace's time zone: the latest of all deadlines. */
  returnBy: string;
  reasons: EligibilityReason[];
  /** Max of the fees that apply; also reported for late returns so an override can charge it. */
  restockingFeeBps: number;
  /** fee >= policy.photoRequiredFromBps (and a fee at all). */
  photoRequired: boolean;
  /** Pass to refundForUnits: seller fault, policy, or a statutory withdrawal. */
  refundShipping: boolean;
  policyId: string;
  policyVersion: number;
}

type OrderStage = 'canceled' | 'not_shipped' | 'shipped' | 'delivered' | 'unknown';

/** Amazon's order statuses (v0 and 2026 spellings) sorted into what matters for a return. */
function orderStage(status: string): OrderStage {
  switch (status.trim().toLowerCase()) {
    case 'canceled':
    case 'cancelled':
      return 'canceled';
    case 'pending':
    case 'pendingavailability':
    case 'unshipped':
    case 'unfulfillable':
      return 'not_shipped';
    case 'shipped':
    case 'partiallyshipped':
    case 'invoiceunconfirmed':
      return 'shipped';
    case 'delivered':
      return 'delivered';
    default:
      return 'unknown';
  }
}

interface Deadlines {
  /** The local date the window counts from. */
  startDate: string;
  estimated: boolean;
  voluntaryBy: string;
  holidayBy: string | null;
  legalBy: string | null;
  returnBy: string;
}

function deadlines(input: EligibilityInput, timeZone: string): Deadlines {
  const { policy } = input;
  const estimated = input.deliveredAt === null;
  const startDate = input.deliveredAt
    ? localDateIn(timeZone, input.deliveredAt)
    : input.estimatedDeliveryAt
      ? localDateIn(timeZone, input.estimatedDeliveryAt)
      : addDays(localDateIn(timeZone, input.purchasedAt), policy.assumedTransitDays);

  // Delivered on local day D with an N-day window: D + N is the last day.
  const voluntaryBy = addDays(startDate, policy.windowDays);
  const legalBy =
    policy.legalWithdrawalDays === null ? null : addDays(startDate, policy.legalWithdrawalDays);

  const shipDate = localDateIn(timeZone, input.shippedAt ?? input.purchasedAt);
  const seasons = policy.holidayExtensions.filter(
    (h) => h.shippedFrom <= shipDate && shipDate <= h.shippedTo && h.returnBy > voluntaryBy,
  );
  const holidayBy = seasons.length ? latestDate(...seasons.map((h) => h.returnBy)) : null;

  const returnBy = latestDate(
    voluntaryBy,
    ...(holidayBy ? [holidayBy] : []),
    ...(legalBy ? [legalBy] : []),
  );
  return { startDate, estimated, voluntaryBy, holidayBy, legalBy, returnBy };
}

/** Exactly one reason saying where today falls against the deadlines. */
function windowReason(today: string, d: Deadlines): EligibilityReason {
  if (d.legalBy !== null && today <= d.legalBy) {
    return { code: 'IN_LEGAL_WITHDRAWAL', params: { returnBy: d.legalBy } };
  }
  if (today <= d.voluntaryBy) return { code: 'IN_WINDOW', params: { returnBy: d.voluntaryBy } };
  if (d.holidayBy !== null && today <= d.holidayBy) {
    return { code: 'HOLIDAY_EXTENSION', params: { returnBy: d.holidayBy } };
  }
  return {
    code: 'OUTSIDE_WINDOW',
    params: { returnBy: d.returnBy, daysLate: daysBetween(d.returnBy, today) },
  };
}

interface Block {
  reason: EligibilityReason;
  overridable: boolean;
}

function orderBlock(stage: OrderStage, input: EligibilityInput, d: Deadlines): Block | null {
  switch (stage) {
    case 'canceled':
      // Nothing was sold; the money goes back through the cancellation, not a return.
      return { reason: { code: 'ORDER_CANCELED' }, overridable: false };
    case 'not_shipped':
      // The buyer cannot have the item; whatever is on the counter is not from this order.
      return { reason: { code: 'NOT_SHIPPED' }, overridable: false };
    case 'unknown':
      return {
        reason: { code: 'ORDER_STATUS_UNKNOWN', params: { status: input.orderStatus } },
        overridable: true,
      };
    case 'shipped':
      // Amazon has not confirmed delivery. The item is on the counter, so it did arrive, but
      // a manager confirms it is this order's; the window runs from the estimated delivery.
      return d.estimated
        ? {
            reason: { code: 'NOT_DELIVERED', params: { estimatedDeliveredOn: d.startDate } },
            overridable: true,
          }
        : null;
    case 'delivered':
      return null;
  }
}

/** The policy's non-returnable rules that catch this item. */
function matchingRules(input: EligibilityInput): NonReturnableRule[] {
  return input.policy.nonReturnable.filter(
    (rule) =>
      rule.category === input.category &&
      (rule.when === 'always' || input.condition.opened) &&
      !(rule.exceptPrintedBooks && input.printedBook),
  );
}

/**
 * A faulty product may come back even if opened: that is a claim that the goods are not as
 * sold, not a withdrawal, so the sealed-goods exceptions do not apply (QC confirms the fault).
 */
function productReasons(rules: NonReturnableRule[], input: EligibilityInput): EligibilityReason[] {
  const sellerFault = isSellerFaultReason(input.reason);
  const params = { category: input.category };
  return rules.map((rule) =>
    sellerFault
      ? { code: 'NON_RETURNABLE_WAIVED_SELLER_FAULT', params }
      : { code: rule.reason, params },
  );
}

function restockingFee(
  input: EligibilityInput,
  withinWindow: boolean,
  inLegalWithdrawal: boolean,
): { bps: number; reasons: EligibilityReason[] } {
  if (isSellerFaultReason(input.reason)) {
    return { bps: 0, reasons: [{ code: 'SELLER_FAULT_NO_FEE', params: { reason: input.reason } }] };
  }
  const fees = restockingFeesFor(input.policy, input.category);
  const { opened, damaged, missingParts } = input.condition;
  const reasons: EligibilityReason[] = [];
  const applicable: number[] = [];
  const apply = (code: EligibilityReason['code'], bps: number): void => {
    if (bps <= 0) return;
    reasons.push({ code, params: { bps } });
    applicable.push(bps);
  };

  if (!withinWindow) apply('RESTOCKING_LATE', fees.late);
  if (opened && inLegalWithdrawal) {
    // CRD art. 14(2): the buyer may handle the goods as in a shop to see what they are;
    // opening alone costs nothing within the withdrawal period. Damage or missing parts are
    // "diminished value" the buyer does answer for, so those fees still apply.
    if (fees.opened > 0) reasons.push({ code: 'OPENED_FEE_WAIVED_LEGAL_WITHDRAWAL' });
  } else if (opened) {
    apply('RESTOCKING_OPENED', fees.opened);
  }
  if (damaged) apply('RESTOCKING_DAMAGED', fees.damaged);
  if (missingParts) apply('RESTOCKING_MISSING_PARTS', fees.missingParts);
  return { bps: Math.min(10_000, Math.max(0, ...applicable)), reasons };
}

function shipsBack(input: EligibilityInput, inLegalWithdrawal: boolean): boolean {
  if (inLegalWithdrawal) return true;
  switch (input.policy.refundShipping) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'seller_fault':
      return isSellerFaultReason(input.reason);
  }
}

function estimatedDelivery(d: Deadlines): EligibilityReason {
  return { code: 'DELIVERY_DATE_ESTIMATED', params: { estimatedDeliveredOn: d.startDate } };
}

export function evaluateEligibility(input: EligibilityInput): EligibilityVerdict {
  const { policy } = input;
  const market = MARKETPLACES[policy.marketplace];
  if (!market) throw new RangeError(`unknown marketplace ${String(policy.marketplace)}`);
  const today = localDateIn(market.timeZone, input.now);
  const d = deadlines(input, market.timeZone);
  const withinWindow = today <= d.returnBy;
  const verdictBase = {
    withinWindow,
    returnBy: d.returnBy,
    policyId: policy.id,
    policyVersion: policy.version,
  };

  const stage = orderStage(input.orderStatus);
  const order = orderBlock(stage, input, d);
  if (order && !order.overridable) {
    // Nothing to judge beyond the order itself.
    return {
      ...verdictBase,
      eligible: false,
      overridable: false,
      reasons: [order.reason],
      restockingFeeBps: 0,
      photoRequired: false,
      refundShipping: false,
    };
  }

  const window = windowReason(today, d);
  const inLegalWithdrawal = window.code === 'IN_LEGAL_WITHDRAWAL';
  const rules = matchingRules(input);
  const product = productReasons(rules, input);
  const productBlocked = product.some((r) => r.code !== 'NON_RETURNABLE_WAIVED_SELLER_FAULT');
  const fee = restockingFee(input, withinWindow, inLegalWithdrawal);
  const photoRequired = fee.bps > 0 && fee.bps >= policy.photoRequiredFromBps;
  const refundShipping = shipsBack(input, inLegalWithdrawal);

  const reasons: EligibilityReason[] = [
    ...(order ? [order.reason] : []),
    ...(d.estimated && stage !== 'shipped' ? [estimatedDelivery(d)] : []),
    window,
    ...product,
    ...fee.reasons,
    ...(photoRequired
      ? [{ code: 'PHOTO_REQUIRED' as const, params: { fromBps: policy.photoRequiredFromBps } }]
      : []),
    ...(inLegalWithdrawal ? [{ code: 'SHIPPING_REFUNDED_LEGAL_WITHDRAWAL' as const }] : []),
  ];

  return {
    ...verdictBase,
    eligible: !order && !productBlocked && withinWindow,
    overridable: !productBlocked || rules.every((rule) => rule.overridable),
    reasons,
    restockingFeeBps: fee.bps,
    photoRequired,
    refundShipping,
  };
}
