/**
 * Why the counter may or may not take an item back, and what it costs. Stable codes: the UI
 * translates them (`returns.eligibility.<CODE>`), the audit log stores them. Add codes, never
 * rename them. Kept apart from eligibility.ts because the policy tables name them too.
 */
export const ELIGIBILITY_REASON_CODES = [
  // Where "now" falls against the deadlines (exactly one of these per verdict, unless the
  // order was cancelled or never shipped).
  'IN_LEGAL_WITHDRAWAL',
  'IN_WINDOW',
  'HOLIDAY_EXTENSION',
  'OUTSIDE_WINDOW',
  // The order.
  'ORDER_CANCELED',
  'NOT_SHIPPED',
  'NOT_DELIVERED',
  'DELIVERY_DATE_ESTIMATED',
  'ORDER_STATUS_UNKNOWN',
  // The product.
  'NON_RETURNABLE_OPENED',
  'NON_RETURNABLE_ALWAYS',
  'NON_RETURNABLE_WAIVED_SELLER_FAULT',
  // Restocking fees (each applicable fee is listed; the largest is charged).
  'RESTOCKING_LATE',
  'RESTOCKING_OPENED',
  'RESTOCKING_DAMAGED',
  'RESTOCKING_MISSING_PARTS',
  'SELLER_FAULT_NO_FEE',
  'OPENED_FEE_WAIVED_LEGAL_WITHDRAWAL',
  'PHOTO_REQUIRED',
  // Shipping.
  'SHIPPING_REFUNDED_LEGAL_WITHDRAWAL',
] as const;

export type EligibilityReasonCode = (typeof ELIGIBILITY_REASON_CODES)[number];

export interface EligibilityReason {
  code: EligibilityReasonCode;
  params?: Record<string, string | number>;
}
