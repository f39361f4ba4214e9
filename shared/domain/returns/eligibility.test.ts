import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateEligibility, type EligibilityInput, type EligibilityVerdict } from './eligibility';
import { RETURN_REASON_CODES, isSellerFaultReason } from './reason-codes';
import { DEFAULT_RETURN_POLICIES } from './return-policy';

const ORIGINAL = { opened: false, damaged: false, missingParts: false };

function usReturn(overrides: Partial<EligibilityInput> = {}): EligibilityInput {
  return {
    policy: DEFAULT_RETURN_POLICIES.US,
    orderStatus: 'Delivered',
    purchasedAt: '2026-09-25T18:00:00Z',
    // 23:00 on 30 Sep in Los Angeles, already 1 Oct in UTC.
    deliveredAt: '2026-10-01T06:00:00Z',
    now: '2026-10-10T18:00:00Z',
    category: 'electronics',
    reason: 'UNWANTED_ITEM',
    condition: ORIGINAL,
    ...overrides,
  };
}

function deReturn(overrides: Partial<EligibilityInput> = {}): EligibilityInput {
  return {
    policy: DEFAULT_RETURN_POLICIES.DE,
    orderStatus: 'Delivered',
    purchasedAt: '2026-02-27T09:00:00Z',
    deliveredAt: '2026-03-02T10:00:00Z', // 2 March in Berlin
    now: '2026-03-10T12:00:00Z',
    category: 'apparel',
    reason: 'APPAREL_TOO_SMALL',
    condition: ORIGINAL,
    ...overrides,
  };
}

const codes = (v: EligibilityVerdict) => v.reasons.map((r) => r.code);

describe('US window, counted in Los Angeles days', () => {
  it('takes an in-window return in original condition without a fee', () => {
    const v = evaluateEligibility(usReturn());
    expect(v).toMatchObject({
      eligible: true,
      overridable: true,
      withinWindow: true,
      returnBy: '2026-10-30', // 30 Sep (local) + 30
      restockingFeeBps: 0,
      photoRequired: false,
      refundShipping: false,
      policyId: 'US-2026.1',
      policyVersion: 1,
    });
    expect(codes(v)).toEqual(['IN_WINDOW']);
  });

  it('counts the last day in full, in the marketplace’s zone', () => {
    // 22:00 on 30 Oct in Los Angeles (already 31 Oct in UTC).
    const v = evaluateEligibility(usReturn({ now: '2026-10-31T05:00:00Z' }));
    expect(v.eligible).toBe(true);
    expect(v.withinWindow).toBe(true);
  });

  it('is one day late at 01:00 on 31 Oct in Los Angeles, though UTC counting would say in time', () => {
    // Counted in UTC the delivery day is 1 Oct, the last day 31 Oct, and this instant 31 Oct.
    const v = evaluateEligibility(usReturn({ now: '2026-10-31T08:00:00Z' }));
    expect(v.eligible).toBe(false);
    expect(v.withinWindow).toBe(false);
    expect(v.overridable).toBe(true);
    expect(v.reasons[0]).toEqual({
      code: 'OUTSIDE_WINDOW',
      params: { returnBy: '2026-10-30', daysLate: 1 },
    });
    // The late fee is reported so that a manager's override can charge it.
    expect(v.restockingFeeBps).toBe(2000);
    expect(codes(v)).toContain('RESTOCKING_LATE');
    expect(v.photoRequired).toBe(true);
  });
});

describe('holiday extension', () => {
  const december = usReturn({
    purchasedAt: '2026-12-05T18:00:00Z',
    deliveredAt: '2026-12-10T20:00:00Z',
  });

  it('keeps an item shipped in the season returnable until 31 Jan', () => {
    const v = evaluateEligibility({ ...december, now: '2027-01-20T20:00:00Z' });
    expect(v.eligible).toBe(true);
    expect(v.returnBy).toBe('2027-01-31');
    expect(v.reasons[0]).toEqual({ code: 'HOLIDAY_EXTENSION', params: { returnBy: '2027-01-31' } });
  });

  it('still says IN_WINDOW while the ordinary window is open', () => {
    expect(codes(evaluateEligibility({ ...december, now: '2027-01-09T20:00:00Z' }))[0]).toBe(
      'IN_WINDOW',
    );
  });

  it('ends at midnight in Los Angeles on 31 Jan', () => {
    expect(evaluateEligibility({ ...december, now: '2027-02-01T07:59:00Z' }).eligible).toBe(true);
    const late = evaluateEligibility({ ...december, now: '2027-02-01T08:00:00Z' });
    expect(late.eligible).toBe(false);
    expect(codes(late)[0]).toBe('OUTSIDE_WINDOW');
  });

  it('goes by ship date when known, else by purchase date', () => {
    const october = usReturn({
      purchasedAt: '2026-10-30T18:00:00Z',
      deliveredAt: '2026-11-04T20:00:00Z',
      now: '2027-01-15T20:00:00Z',
    });
    expect(evaluateEligibility(october).returnBy).toBe('2026-12-04');
    expect(evaluateEligibility(october).eligible).toBe(false);
    const shippedInSeason = evaluateEligibility({ ...october, shippedAt: '2026-11-02T18:00:00Z' });
    expect(shippedInSeason.returnBy).toBe('2027-01-31');
    expect(shippedInSeason.eligible).toBe(true);
  });

  it('does not extend Japan, which has no season configured', () => {
    const v = evaluateEligibility({
      ...december,
      policy: DEFAULT_RETURN_POLICIES.JP,
      now: '2027-01-20T03:00:00Z',
    });
    expect(v.returnBy).toBe('2027-01-10'); // 11 Dec in Tokyo + 30
    expect(v.eligible).toBe(false);
  });
});

describe('EU statutory withdrawal (DE)', () => {
  it('is within the 14-day withdrawal on day 14 and refunds the shipping', () => {
    const v = evaluateEligibility(deReturn({ now: '2026-03-16T20:00:00Z' }));
    expect(v.eligible).toBe(true);
    expect(v.reasons[0]).toEqual({
      code: 'IN_LEGAL_WITHDRAWAL',
      params: { returnBy: '2026-03-16' },
    });
    expect(v.refundShipping).toBe(true);
    expect(codes(v)).toContain('SHIPPING_REFUNDED_LEGAL_WITHDRAWAL');
    // The verdict's deadline is the latest one: Amazon's voluntary 30 days.
    expect(v.returnBy).toBe('2026-04-01');
  });

  it('is in the voluntary window on day 15, where shipping follows the policy', () => {
    const v = evaluateEligibility(deReturn({ now: '2026-03-17T12:00:00Z' }));
    expect(v.eligible).toBe(true);
    expect(codes(v)[0]).toBe('IN_WINDOW');
    expect(v.refundShipping).toBe(false);
  });

  it('is in on day 30 and outside on day 31 (Berlin time, across the DST change)', () => {
    expect(evaluateEligibility(deReturn({ now: '2026-04-01T21:59:00Z' })).eligible).toBe(true);
    const v = evaluateEligibility(deReturn({ now: '2026-04-01T22:00:00Z' })); // 00:00 on 2 Apr
    expect(v.eligible).toBe(false);
    expect(v.withinWindow).toBe(false);
    expect(v.reasons[0]).toEqual({
      code: 'OUTSIDE_WINDOW',
      params: { returnBy: '2026-04-01', daysLate: 1 },
    });
  });

  it('refuses opened software, but a manager may take it back as goodwill', () => {
    const v = evaluateEligibility(
      deReturn({
        category: 'software',
        reason: 'UNWANTED_ITEM',
        condition: { ...ORIGINAL, opened: true },
      }),
    );
    expect(v.eligible).toBe(false);
    expect(v.overridable).toBe(true);
    expect(v.withinWindow).toBe(true);
    expect(v.reasons).toContainEqual({
      code: 'NON_RETURNABLE_OPENED',
      params: { category: 'software' },
    });
  });

  it('takes sealed software back unopened', () => {
    expect(evaluateEligibility(deReturn({ category: 'software' })).eligible).toBe(true);
  });

  it('takes opened software back when it is defective (a conformity claim), with no fee', () => {
    const v = evaluateEligibility(
      deReturn({
        category: 'software',
        reason: 'DEFECTIVE',
        condition: { ...ORIGINAL, opened: true },
      }),
    );
    expect(v.eligible).toBe(true);
    expect(codes(v)).toContain('NON_RETURNABLE_WAIVED_SELLER_FAULT');
    expect(v.restockingFeeBps).toBe(0);
  });

  it('refuses opened hygiene goods and opened media, but not an opened printed book', () => {
    const opened = { ...ORIGINAL, opened: true };
    expect(
      evaluateEligibility(deReturn({ category: 'beauty_hygiene', condition: opened })).eligible,
    ).toBe(false);
    expect(
      evaluateEligibility(deReturn({ category: 'books_media', condition: opened })).eligible,
    ).toBe(false);
    expect(
      evaluateEligibility(
        deReturn({ category: 'books_media', condition: opened, printedBook: true }),
      ).eligible,
    ).toBe(true);
  });

  it('waives the opened-item fee within the withdrawal period but not after it', () => {
    const opened = { ...ORIGINAL, opened: true };
    const early = evaluateEligibility(deReturn({ condition: opened }));
    expect(early.restockingFeeBps).toBe(0);
    expect(codes(early)).toContain('OPENED_FEE_WAIVED_LEGAL_WITHDRAWAL');
    const later = evaluateEligibility(deReturn({ condition: opened, now: '2026-03-20T12:00:00Z' }));
    expect(later.restockingFeeBps).toBe(1500);
    // Damage is diminished value the buyer answers for even within the withdrawal period.
    const damaged = evaluateEligibility(deReturn({ condition: { ...opened, damaged: true } }));
    expect(damaged.restockingFeeBps).toBe(5000);
  });
});

describe('restocking fees and photos', () => {
  it('charges nothing for a seller-fault reason whatever the state, and refunds the shipping', () => {
    const v = evaluateEligibility(
      usReturn({
        reason: 'DEFECTIVE',
        condition: { opened: true, damaged: true, missingParts: true },
      }),
    );
    expect(v.eligible).toBe(true);
    expect(v.restockingFeeBps).toBe(0);
    expect(v.photoRequired).toBe(false);
    expect(v.refundShipping).toBe(true);
    expect(v.reasons).toContainEqual({
      code: 'SELLER_FAULT_NO_FEE',
      params: { reason: 'DEFECTIVE' },
    });
  });

  it('charges 15 % for an opened item, without a photo', () => {
    const v = evaluateEligibility(usReturn({ condition: { ...ORIGINAL, opened: true } }));
    expect(v.eligible).toBe(true);
    expect(v.restockingFeeBps).toBe(1500);
    expect(v.photoRequired).toBe(false);
    expect(v.reasons).toContainEqual({ code: 'RESTOCKING_OPENED', params: { bps: 1500 } });
  });

  it('charges 50 % for opened media, with a photo', () => {
    const v = evaluateEligibility(
      usReturn({ category: 'books_media', condition: { ...ORIGINAL, opened: true } }),
    );
    expect(v.restockingFeeBps).toBe(5000);
    expect(v.photoRequired).toBe(true);
    expect(v.reasons).toContainEqual({ code: 'PHOTO_REQUIRED', params: { fromBps: 2000 } });
  });

  it('requires the photo from exactly the threshold up', () => {
    const policy = { ...DEFAULT_RETURN_POLICIES.US, photoRequiredFromBps: 1500 };
    const at = evaluateEligibility(usReturn({ policy, condition: { ...ORIGINAL, opened: true } }));
    expect(at.photoRequired).toBe(true);
    const above = { ...DEFAULT_RETURN_POLICIES.US, photoRequiredFromBps: 1501 };
    expect(
      evaluateEligibility(usReturn({ policy: above, condition: { ...ORIGINAL, opened: true } }))
        .photoRequired,
    ).toBe(false);
  });

  it('charges the largest applicable fee, listing each', () => {
    const v = evaluateEligibility(
      usReturn({ condition: { opened: true, damaged: false, missingParts: true } }),
    );
    expect(v.restockingFeeBps).toBe(5000);
    expect(codes(v)).toEqual(
      expect.arrayContaining(['RESTOCKING_OPENED', 'RESTOCKING_MISSING_PARTS']),
    );
  });
});

describe('order status', () => {
  it('refuses cancelled and unshipped orders, and no override can change that', () => {
    for (const orderStatus of ['Canceled', 'Unshipped', 'Pending']) {
      const v = evaluateEligibility(usReturn({ orderStatus, deliveredAt: null }));
      expect(v.eligible, orderStatus).toBe(false);
      expect(v.overridable, orderStatus).toBe(false);
      expect(v.reasons).toHaveLength(1);
    }
    expect(codes(evaluateEligibility(usReturn({ orderStatus: 'Canceled' })))).toEqual([
      'ORDER_CANCELED',
    ]);
  });

  it('needs a manager for a shipped order without a delivery date, counting from the estimate', () => {
    const v = evaluateEligibility(usReturn({ orderStatus: 'Shipped', deliveredAt: null }));
    expect(v.eligible).toBe(false);
    expect(v.overridable).toBe(true);
    // Purchased 25 Sep (Los Angeles) + 7 days assumed transit = 2 Oct; + 30 = 1 Nov.
    expect(v.reasons[0]).toEqual({
      code: 'NOT_DELIVERED',
      params: { estimatedDeliveredOn: '2026-10-02' },
    });
    expect(v.returnBy).toBe('2026-11-01');
    expect(v.withinWindow).toBe(true);
    // Amazon's own estimate wins over our assumption.
    const withEstimate = evaluateEligibility(
      usReturn({
        orderStatus: 'Shipped',
        deliveredAt: null,
        estimatedDeliveryAt: '2026-09-29T20:00:00Z',
      }),
    );
    expect(withEstimate.returnBy).toBe('2026-10-29');
  });

  it('uses a delivery date when there is one, whatever the status says', () => {
    expect(evaluateEligibility(usReturn({ orderStatus: 'Shipped' })).eligible).toBe(true);
  });

  it('sends an unknown status to a manager', () => {
    const v = evaluateEligibility(usReturn({ orderStatus: 'SomethingNew' }));
    expect(v.eligible).toBe(false);
    expect(v.overridable).toBe(true);
    expect(v.reasons[0]).toEqual({
      code: 'ORDER_STATUS_UNKNOWN',
      params: { status: 'SomethingNew' },
    });
  });
});

describe('eligibility properties', () => {
  const instant = fc
    .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) })
    .map((ms) => new Date(ms).toISOString());

  it('never says eligible outside the window, never charges for seller faults, and is deterministic', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          ...(Object.keys(DEFAULT_RETURN_POLICIES) as (keyof typeof DEFAULT_RETURN_POLICIES)[]),
        ),
        instant,
        fc.integer({ min: 0, max: 20 * 86_400_000 }),
        fc.integer({ min: 0, max: 80 * 86_400_000 }),
        fc.constantFrom(...RETURN_REASON_CODES),
        fc.constantFrom('electronics', 'software', 'books_media', 'beauty_hygiene', 'apparel'),
        fc.record({ opened: fc.boolean(), damaged: fc.boolean(), missingParts: fc.boolean() }),
        (market, purchasedAt, transitMs, sinceMs, reason, category, condition) => {
          const deliveredMs = Date.parse(purchasedAt) + transitMs;
          const input: EligibilityInput = {
            policy: DEFAULT_RETURN_POLICIES[market],
            orderStatus: 'Delivered',
            purchasedAt,
            deliveredAt: new Date(deliveredMs).toISOString(),
            now: new Date(deliveredMs + sinceMs).toISOString(),
            category,
            reason,
            condition,
          };
          const v = evaluateEligibility(input);
          if (v.eligible) expect(v.withinWindow).toBe(true);
          if (isSellerFaultReason(reason)) expect(v.restockingFeeBps).toBe(0);
          expect(v.photoRequired).toBe(
            v.restockingFeeBps >= input.policy.photoRequiredFromBps && v.restockingFeeBps > 0,
          );
          expect(v.restockingFeeBps).toBeGreaterThanOrEqual(0);
          expect(v.restockingFeeBps).toBeLessThanOrEqual(10_000);
          expect(evaluateEligibility(input)).toEqual(v);
        },
      ),
    );
  });
});
