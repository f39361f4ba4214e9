import { describe, expect, it } from 'vitest';
import {
  isNoRefundReason,
  isReturnReasonCode,
  isSellerFaultReason,
  RETURN_REASON_CODES,
  SELLER_FAULT_REASONS,
} from './reason-codes';

describe('return reason codes', () => {
  it('lists each of Amazon’s codes once', () => {
    expect(new Set(RETURN_REASON_CODES).size).toBe(RETURN_REASON_CODES.length);
    expect(RETURN_REASON_CODES).toHaveLength(33);
  });

  it('recognises known codes only', () => {
    expect(isReturnReasonCode('DEFECTIVE')).toBe(true);
    expect(isReturnReasonCode('defective')).toBe(false);
    expect(isReturnReasonCode('CR-NEW-CODE')).toBe(false);
    expect(isReturnReasonCode(42)).toBe(false);
  });

  it('treats faults of the seller, warehouse and carrier as seller fault, not the buyer’s mind', () => {
    for (const code of ['DEFECTIVE', 'DAMAGED_BY_CARRIER', 'SWITCHEROO', 'EXTRA_ITEM'] as const) {
      expect(isSellerFaultReason(code), code).toBe(true);
    }
    for (const code of ['APPAREL_TOO_SMALL', 'UNWANTED_ITEM', 'FOUND_BETTER_PRICE'] as const) {
      expect(isSellerFaultReason(code), code).toBe(false);
    }
    for (const code of SELLER_FAULT_REASONS) expect(isReturnReasonCode(code)).toBe(true);
    expect(isNoRefundReason('EXTRA_ITEM')).toBe(true);
    expect(isNoRefundReason('DEFECTIVE')).toBe(false);
  });
});
