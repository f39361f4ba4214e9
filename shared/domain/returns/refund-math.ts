/**
 * How much of what a buyer paid for an order line goes back for some of its units: the heart
 * of "never pay twice, never more than was paid". All amounts are integer minor units of the
 * order's currency; nothing here knows or needs the currency.
 */

/** What Amazon charged for one order line (all units), as in its order items. */
export interface PaidLine {
  quantity: number;
  unitPriceMinor: number;
  /** Tax of the whole line. Where `taxIncluded`, the part already inside the price. */
  itemTaxMinor: number;
  shippingMinor: number;
  shippingTaxMinor: number;
  /** Subtracted from unitPriceMinor × quantity; never more than that. */
  promotionDiscountMinor: number;
  /** VAT marketplaces (UK, DE, FR, JP): prices include the tax. */
  taxIncluded: boolean;
}

export interface RefundBreakdown {
  /** The item amount after promotions, before the restocking fee. */
  itemMinor: number;
  itemTaxMinor: number;
  shippingMinor: number;
  shippingTaxMinor: number;
  /** Withheld from the refund; charged on the item amount only. */
  restockingFeeMinor: number;
  /** What the buyer gets: item (+ taxes where not included) + shipping − fee. */
  totalMinor: number;
}

export interface RefundUnitsOptions {
  /** Units of this line refunded before (by us or by Amazon). */
  alreadyReturnedUnits: number;
  units: number;
  refundShipping: boolean;
  /** 0–10 000 (2000 = 20 %), usually EligibilityVerdict.restockingFeeBps. */
  restockingFeeBps: number;
}

const BPS = 10_000;

function assertAmount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer (minor units), got ${value}`);
  }
}

function assertLine(line: PaidLine): void {
  if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
    throw new RangeError(`quantity must be a positive integer, got ${line.quantity}`);
  }
  assertAmount('unitPriceMinor', line.unitPriceMinor);
  assertAmount('itemTaxMinor', line.itemTaxMinor);
  assertAmount('shippingMinor', line.shippingMinor);
  assertAmount('shippingTaxMinor', line.shippingTaxMinor);
  assertAmount('promotionDiscountMinor', line.promotionDiscountMinor);
  const gross = line.unitPriceMinor * line.quantity;
  assertAmount('unitPriceMinor × quantity', gross);
  if (line.promotionDiscountMinor > gross) {
    throw new RangeError(`promotion ${line.promotionDiscountMinor} exceeds the line's ${gross}`);
  }
}

/**
 * The share of a component `total` spread over `quantity` units that belongs to units
 * `from + 1 … from + count`: floor(T·(k+n)/Q) − floor(T·k/Q). Shares of consecutive ranges
 * telescope, so however a line is returned in parts, the parts add up to exactly `total`
 * and no part is ever negative. BigInt keeps T·(k+n) exact beyond 2^53.
 */
export function unitShare(total: number, quantity: number, from: number, count: number): number {
  const floorAt = (units: number): bigint => (BigInt(total) * BigInt(units)) / BigInt(quantity);
  return Number(floorAt(from + count) - floorAt(from));
}

/** `amount × bps / 10 000` rounded half up, for non-negative integers. */
function applyBps(amount: number, bps: number): number {
  const scaled = BigInt(amount) * BigInt(bps);
  return Number((scaled * 2n + BigInt(BPS)) / BigInt(2 * BPS));
}

function withTotal(
  parts: Omit<RefundBreakdown, 'totalMinor'>,
  taxIncluded: boolean,
): RefundBreakdown {
  const beforeFee = taxIncluded
    ? parts.itemMinor + parts.shippingMinor
    : parts.itemMinor + parts.itemTaxMinor + parts.shippingMinor + parts.shippingTaxMinor;
  // The fee is at most the item amount, so the total cannot go negative; the cap says so.
  const restockingFeeMinor = Math.min(parts.restockingFeeMinor, beforeFee);
  return { ...parts, restockingFeeMinor, totalMinor: beforeFee - restockingFeeMinor };
}

/** What the buyer paid for the whole line (no fee). */
export function paidForLine(line: PaidLine): RefundBreakdown {
  assertLine(line);
  return withTotal(
    {
      itemMinor: line.unitPriceMinor * line.quantity - line.promotionDiscountMinor,
      itemTaxMinor: line.itemTaxMinor,
      shippingMinor: line.shippingMinor,
      shippingTaxMinor: line.shippingTaxMinor,
      restockingFeeMinor: 0,
    },
    line.taxIncluded,
  );
}

/**
 * The refund for `units` more units of a line of which `alreadyReturnedUnits` were refunded
 * before. Every component is shared pro rata by units (see unitShare); the restocking fee is
 * round-half-up(item × bps / 10 000). Throws RangeError for anything that could over-refund:
 * fewer than one unit, more than remain, fractions, fees outside 0–100 %.
 */
export function refundForUnits(line: PaidLine, options: RefundUnitsOptions): RefundBreakdown {
  assertLine(line);
  const { alreadyReturnedUnits: before, units, restockingFeeBps: bps } = options;
  if (!Number.isSafeInteger(before) || before < 0 || before > line.quantity) {
    throw new RangeError(
      `alreadyReturnedUnits must be an integer in 0…${line.quantity}, got ${before}`,
    );
  }
  const remaining = line.quantity - before;
  if (!Number.isSafeInteger(units) || units < 1 || units > remaining) {
    throw new RangeError(`units must be an integer in 1…${remaining}, got ${units}`);
  }
  if (!Number.isSafeInteger(bps) || bps < 0 || bps > BPS) {
    throw new RangeError(`restockingFeeBps must be an integer in 0…${BPS}, got ${bps}`);
  }

  const paid = paidForLine(line);
  const share = (total: number): number => unitShare(total, line.quantity, before, units);
  const itemMinor = share(paid.itemMinor);
  return withTotal(
    {
      itemMinor,
      itemTaxMinor: share(paid.itemTaxMinor),
      shippingMinor: options.refundShipping ? share(paid.shippingMinor) : 0,
      shippingTaxMinor: options.refundShipping ? share(paid.shippingTaxMinor) : 0,
      restockingFeeMinor: applyBps(itemMinor, bps),
    },
    line.taxIncluded,
  );
}

const ZERO: RefundBreakdown = {
  itemMinor: 0,
  itemTaxMinor: 0,
  shippingMinor: 0,
  shippingTaxMinor: 0,
  restockingFeeMinor: 0,
  totalMinor: 0,
};

const COMPONENTS = [
  'itemMinor',
  'itemTaxMinor',
  'shippingMinor',
  'shippingTaxMinor',
  'restockingFeeMinor',
  'totalMinor',
] as const satisfies readonly (keyof RefundBreakdown)[];

function assertBreakdown(name: string, b: RefundBreakdown): void {
  for (const key of COMPONENTS) assertAmount(`${name}.${key}`, b[key]);
}

/**
 * Component-wise sum. A return's total is the sum of its lines' stored totals (DESIGN.md §4),
 * never recomputed from summed components.
 */
export function sumBreakdowns(items: readonly RefundBreakdown[]): RefundBreakdown {
  return items.reduce((sum, item, i) => {
    assertBreakdown(`items[${i}]`, item);
    const next = { ...sum };
    for (const key of COMPONENTS) {
      next[key] = sum[key] + item[key];
      assertAmount(`sum.${key}`, next[key]);
    }
    return next;
  }, ZERO);
}

/**
 * The item amount that actually went back: a withheld fee was not refunded, so it stays
 * refundable (a manager may waive the fee later with an item-only refund of that amount).
 */
function netItem(b: RefundBreakdown): number {
  return Math.max(0, b.itemMinor - b.restockingFeeMinor);
}

/**
 * What may still be refunded, as caps per component and in total (never below zero). The
 * total is the binding cap on money; the components stop one component being refunded twice.
 * The result carries no fee.
 */
export function remainingRefundable(
  paid: RefundBreakdown,
  alreadyRefunded: RefundBreakdown,
): RefundBreakdown {
  assertBreakdown('paid', paid);
  assertBreakdown('alreadyRefunded', alreadyRefunded);
  const left = (p: number, r: number): number => Math.max(0, p - r);
  return {
    itemMinor: left(netItem(paid), netItem(alreadyRefunded)),
    itemTaxMinor: left(paid.itemTaxMinor, alreadyRefunded.itemTaxMinor),
    shippingMinor: left(paid.shippingMinor, alreadyRefunded.shippingMinor),
    shippingTaxMinor: left(paid.shippingTaxMinor, alreadyRefunded.shippingTaxMinor),
    restockingFeeMinor: 0,
    totalMinor: left(paid.totalMinor, alreadyRefunded.totalMinor),
  };
}

/**
 * Would refunding `requested` on top of `alreadyRefunded` pay back more than `paid` — in any
 * component (item net of fees, item tax, shipping, shipping tax) or in total? The back office
 * asks this before every submission (DESIGN.md §7.4). A component already over-refunded
 * (say by Amazon on its own) has a cap of zero, so any further amount in it is refused.
 */
export function exceedsPaid(
  paid: RefundBreakdown,
  alreadyRefunded: RefundBreakdown,
  requested: RefundBreakdown,
): boolean {
  assertBreakdown('requested', requested);
  const left = remainingRefundable(paid, alreadyRefunded);
  return (
    netItem(requested) > left.itemMinor ||
    requested.itemTaxMinor > left.itemTaxMinor ||
    requested.shippingMinor > left.shippingMinor ||
    requested.shippingTaxMinor > left.shippingTaxMinor ||
    requested.totalMinor > left.totalMinor
  );
}
