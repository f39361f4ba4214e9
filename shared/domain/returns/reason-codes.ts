/**
 * Amazon's customer return reasons, as rebuilt from public code that mirrors Amazon's table
 * (RETURNS-DOMAIN.md; Amazon's own table is *unconfirmed*). Reasons belong to each returned
 * line, not to the whole return.
 *
 * Amazon's reports may carry values missing here: store such a value as text and don't reject
 * the row; only the counter's own choices are limited to this list.
 */
export const RETURN_REASON_CODES = [
  'ORDERED_WRONG_ITEM',
  'MISORDERED',
  'FOUND_BETTER_PRICE',
  'NO_REASON_GIVEN',
  'UNWANTED_ITEM',
  'UNAUTHORIZED_PURCHASE',
  'QUALITY_UNACCEPTABLE',
  'DEFECTIVE',
  'WARRANTY',
  'NOT_COMPATIBLE',
  'NOT_AS_DESCRIBED',
  'DAMAGED_BY_FC',
  'DAMAGED_BY_CARRIER',
  'MISSING_PARTS',
  'EXTRA_ITEM',
  /** Wrong item sent. */
  'SWITCHEROO',
  'MISSED_ESTIMATED_DELIVERY',
  'UNDELIVERABLE_INSUFFICIENT_ADDRESS',
  'UNDELIVERABLE_FAILED_DELIVERY_ATTEMPTS',
  'UNDELIVERABLE_REFUSED',
  'UNDELIVERABLE_UNKNOWN',
  'UNDELIVERABLE_UNCLAIMED',
  'APPAREL_TOO_SMALL',
  'APPAREL_TOO_LARGE',
  'APPAREL_STYLE',
  'JEWELRY_TOO_SMALL',
  'JEWELRY_TOO_LARGE',
  'JEWELRY_BATTERY',
  'JEWELRY_NO_DOCS',
  'JEWELRY_BAD_CLASP',
  'JEWELRY_LOOSE_STONE',
  'JEWELRY_NO_CERT',
  'OTHER',
] as const;

export type ReturnReasonCode = (typeof RETURN_REASON_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(RETURN_REASON_CODES);

export function isReturnReasonCode(s: unknown): s is ReturnReasonCode {
  return typeof s === 'string' && KNOWN.has(s);
}

/**
 * Reasons where the seller, Amazon's warehouse or the carrier is at fault, not the buyer's
 * change of mind. They waive restocking fees, get the shipping refunded where the policy says
 * `seller_fault`, and override "non-returnable once opened" (a faulty product is a conformity
 * claim, not a withdrawal). Decisions beyond the obvious ones:
 * - EXTRA_ITEM: we sent something the buyer did not order; taking it back costs the buyer
 *   nothing (and is not refunded at all, see NO_REFUND_REASONS).
 * - MISSED_ESTIMATED_DELIVERY: late delivery is ours or our carrier's, not the buyer's.
 * - JEWELRY_BATTERY / BAD_CLASP / LOOSE_STONE / NO_DOCS / NO_CERT: a faulty or incomplete item.
 * - QUALITY_UNACCEPTABLE and WARRANTY count as faults, as Amazon treats them; QC confirms.
 * Not faults: sizes and style, UNAUTHORIZED_PURCHASE (the buyer's household), NOT_COMPATIBLE
 * (the buyer's choice), and UNDELIVERABLE_* (parcels back from the carrier, not counter
 * returns; a refused or badly addressed parcel is the buyer's doing).
 */
export const SELLER_FAULT_REASONS = [
  'DEFECTIVE',
  'NOT_AS_DESCRIBED',
  'DAMAGED_BY_FC',
  'DAMAGED_BY_CARRIER',
  'MISSING_PARTS',
  'SWITCHEROO',
  'QUALITY_UNACCEPTABLE',
  'WARRANTY',
  'EXTRA_ITEM',
  'MISSED_ESTIMATED_DELIVERY',
  'JEWELRY_BATTERY',
  'JEWELRY_BAD_CLASP',
  'JEWELRY_LOOSE_STONE',
  'JEWELRY_NO_DOCS',
  'JEWELRY_NO_CERT',
] as const satisfies readonly ReturnReasonCode[];

const SELLER_FAULT: ReadonlySet<ReturnReasonCode> = new Set(SELLER_FAULT_REASONS);

export function isSellerFaultReason(reason: ReturnReasonCode): boolean {
  return SELLER_FAULT.has(reason);
}

/**
 * Reasons under which the item is taken back but nothing is refunded: an extra item was never
 * paid for (Amazon's label for it reads "no refund needed").
 */
export const NO_REFUND_REASONS = ['EXTRA_ITEM'] as const satisfies readonly ReturnReasonCode[];

export function isNoRefundReason(reason: ReturnReasonCode): boolean {
  return (NO_REFUND_REASONS as readonly string[]).includes(reason);
}
