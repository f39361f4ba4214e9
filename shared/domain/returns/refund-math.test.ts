import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENCIES, sumMoney } from '../money';
import {
  exceedsPaid,
  paidForLine,
  refundForUnits,
  remainingRefundable,
  sumBreakdowns,
  unitShare,
  type PaidLine,
  type RefundBreakdown,
} from './refund-math';

const US_LINE: PaidLine = {
  quantity: 3,
  unitPriceMinor: 1000,
  itemTaxMinor: 216,
  shippingMinor: 499,
  shippingTaxMinor: 40,
  promotionDiscountMinor: 300,
  taxIncluded: false,
};

const DE_LINE: PaidLine = {
  quantity: 1,
  unitPriceMinor: 11900,
  itemTaxMinor: 1900,
  shippingMinor: 399,
  shippingTaxMinor: 64,
  promotionDiscountMinor: 0,
  taxIncluded: true,
};

const NO_FEE = { alreadyReturnedUnits: 0, refundShipping: true, restockingFeeBps: 0 };

describe('paidForLine', () => {
  it('adds sales tax on top where prices exclude it', () => {
    expect(paidForLine(US_LINE)).toEqual({
      itemMinor: 2700,
      itemTaxMinor: 216,
      shippingMinor: 499,
      shippingTaxMinor: 40,
      restockingFeeMinor: 0,
      totalMinor: 2700 + 216 + 499 + 40,
    });
  });

  it('shows VAT without adding it where prices include it', () => {
    expect(paidForLine(DE_LINE).totalMinor).toBe(11900 + 399);
    expect(paidForLine(DE_LINE).itemTaxMinor).toBe(1900);
  });
});

describe('refundForUnits', () => {
  it('shares every component by units, the remainder going to the last units', () => {
    const first = refundForUnits(US_LINE, { ...NO_FEE, units: 1 });
    expect(first).toEqual({
      itemMinor: 900,
      itemTaxMinor: 72,
      shippingMinor: 166, // floor(499/3)
      shippingTaxMinor: 13,
      restockingFeeMinor: 0,
      totalMinor: 900 + 72 + 166 + 13,
    });
    const rest = refundForUnits(US_LINE, { ...NO_FEE, alreadyReturnedUnits: 1, units: 2 });
    expect(rest.shippingMinor).toBe(333);
    expect(sumBreakdowns([first, rest])).toEqual(paidForLine(US_LINE));
  });

  it('keeps shipping when the policy does not refund it', () => {
    const r = refundForUnits(US_LINE, { ...NO_FEE, units: 3, refundShipping: false });
    expect(r.shippingMinor).toBe(0);
    expect(r.shippingTaxMinor).toBe(0);
    expect(r.totalMinor).toBe(2700 + 216);
  });

  it('charges the fee on the item amount only, rounding half up', () => {
    const r = refundForUnits(US_LINE, { ...NO_FEE, units: 1, restockingFeeBps: 1500 });
    expect(r.restockingFeeMinor).toBe(135); // 15 % of 900
    expect(r.totalMinor).toBe(900 + 72 + 166 + 13 - 135);
    const half = { ...US_LINE, quantity: 1, unitPriceMinor: 1, promotionDiscountMinor: 0 };
    expect(
      refundForUnits(half, { ...NO_FEE, units: 1, restockingFeeBps: 5000 }).restockingFeeMinor,
    ).toBe(1);
    const below = { ...half, unitPriceMinor: 333 };
    // 333 × 15 % = 49.95 → 50; 333 × 20 % = 66.6 → 67; 10 × 4 % = 0.4 → 0
    expect(
      refundForUnits(below, { ...NO_FEE, units: 1, restockingFeeBps: 1500 }).restockingFeeMinor,
    ).toBe(50);
    expect(
      refundForUnits(below, { ...NO_FEE, units: 1, restockingFeeBps: 2000 }).restockingFeeMinor,
    ).toBe(67);
    const ten = { ...half, unitPriceMinor: 10 };
    expect(
      refundForUnits(ten, { ...NO_FEE, units: 1, restockingFeeBps: 400 }).restockingFeeMinor,
    ).toBe(0);
  });

  it('takes the fee out of the VAT-inclusive price where tax is included', () => {
    const r = refundForUnits(DE_LINE, { ...NO_FEE, units: 1, restockingFeeBps: 2000 });
    expect(r.restockingFeeMinor).toBe(2380);
    expect(r.totalMinor).toBe(11900 + 399 - 2380);
  });

  it('never goes negative, even at a 100 % fee', () => {
    const r = refundForUnits(US_LINE, {
      ...NO_FEE,
      units: 3,
      restockingFeeBps: 10_000,
      refundShipping: false,
    });
    expect(r.totalMinor).toBe(216);
  });

  it('refuses anything that could refund more units than remain', () => {
    const bad: [string, Parameters<typeof refundForUnits>[1]][] = [
      ['zero units', { ...NO_FEE, units: 0 }],
      ['negative units', { ...NO_FEE, units: -1 }],
      ['fractional units', { ...NO_FEE, units: 1.5 }],
      ['more than bought', { ...NO_FEE, units: 4 }],
      ['more than remain', { ...NO_FEE, alreadyReturnedUnits: 2, units: 2 }],
      ['returned more than bought', { ...NO_FEE, alreadyReturnedUnits: 4, units: 1 }],
      ['fractional already returned', { ...NO_FEE, alreadyReturnedUnits: 0.5, units: 1 }],
      ['fee above 100 %', { ...NO_FEE, units: 1, restockingFeeBps: 10_001 }],
      ['fractional fee', { ...NO_FEE, units: 1, restockingFeeBps: 12.5 }],
    ];
    for (const [name, options] of bad) {
      expect(() => refundForUnits(US_LINE, options), name).toThrow(RangeError);
    }
  });

  it('refuses a line that makes no sense', () => {
    expect(() => paidForLine({ ...US_LINE, promotionDiscountMinor: 3001 })).toThrow(RangeError);
    expect(() => paidForLine({ ...US_LINE, unitPriceMinor: 10.5 })).toThrow(RangeError);
    expect(() => paidForLine({ ...US_LINE, itemTaxMinor: -1 })).toThrow(RangeError);
    expect(() => paidForLine({ ...US_LINE, quantity: 0 })).toThrow(RangeError);
  });

  it('stays exact beyond 2^53 intermediate products', () => {
    expect(unitShare(2 ** 52, 3, 1, 1)).toBe(Number((2n ** 52n * 2n) / 3n - 2n ** 52n / 3n));
  });
});

describe('remainingRefundable and exceedsPaid', () => {
  const paid = paidForLine(US_LINE);

  it('leaves nothing once everything was refunded, and refuses paying twice', () => {
    const all = refundForUnits(US_LINE, { ...NO_FEE, units: 3 });
    expect(remainingRefundable(paid, all)).toEqual({
      itemMinor: 0,
      itemTaxMinor: 0,
      shippingMinor: 0,
      shippingTaxMinor: 0,
      restockingFeeMinor: 0,
      totalMinor: 0,
    });
    expect(exceedsPaid(paid, all, all)).toBe(true);
    const oneUnit = refundForUnits(US_LINE, { ...NO_FEE, units: 1 });
    expect(exceedsPaid(paid, all, oneUnit)).toBe(true);
  });

  it('allows the rest of a partial return, and not a cent more', () => {
    const first = refundForUnits(US_LINE, { ...NO_FEE, units: 1 });
    const rest = refundForUnits(US_LINE, { ...NO_FEE, alreadyReturnedUnits: 1, units: 2 });
    expect(exceedsPaid(paid, first, rest)).toBe(false);
    expect(
      exceedsPaid(paid, first, {
        ...rest,
        shippingMinor: rest.shippingMinor + 1,
        totalMinor: rest.totalMinor + 1,
      }),
    ).toBe(true);
    // Over in total alone (components unchanged) is still over.
    expect(exceedsPaid(paid, first, { ...rest, totalMinor: rest.totalMinor + 1 })).toBe(true);
    // Over in one component alone (total unchanged) is still over.
    expect(exceedsPaid(paid, first, { ...rest, itemTaxMinor: rest.itemTaxMinor + 1 })).toBe(true);
    // Shifting a cent from shipping to the item keeps the total but pays the item twice.
    const shifted = {
      ...rest,
      itemMinor: rest.itemMinor + 1,
      shippingMinor: rest.shippingMinor - 1,
    };
    expect(exceedsPaid(paid, first, shifted)).toBe(true);
  });

  it('lets a withheld fee be refunded later (a waived fee), but only once', () => {
    const withFee = refundForUnits(US_LINE, { ...NO_FEE, units: 3, restockingFeeBps: 2000 });
    expect(withFee.restockingFeeMinor).toBe(540);
    const left = remainingRefundable(paid, withFee);
    expect(left.itemMinor).toBe(540);
    expect(left.totalMinor).toBe(540);
    const waiver: RefundBreakdown = { ...left };
    expect(exceedsPaid(paid, withFee, waiver)).toBe(false);
    const after = sumBreakdowns([withFee, waiver]);
    expect(exceedsPaid(paid, after, waiver)).toBe(true);
  });

  it('refuses more in a component Amazon already over-refunded', () => {
    const amazonOwn: RefundBreakdown = {
      ...remainingRefundable(paid, paid),
      shippingMinor: 600,
      totalMinor: 600,
    };
    expect(remainingRefundable(paid, amazonOwn).shippingMinor).toBe(0);
    const more: RefundBreakdown = {
      itemMinor: 0,
      itemTaxMinor: 0,
      shippingMinor: 1,
      shippingTaxMinor: 0,
      restockingFeeMinor: 0,
      totalMinor: 1,
    };
    expect(exceedsPaid(paid, amazonOwn, more)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const lineArb: fc.Arbitrary<PaidLine> = fc
  .record({
    quantity: fc.integer({ min: 1, max: 5 }),
    unitPriceMinor: fc.integer({ min: 0, max: 5_000_000 }),
    itemTaxMinor: fc.integer({ min: 0, max: 1_000_000 }),
    shippingMinor: fc.integer({ min: 0, max: 50_000 }),
    shippingTaxMinor: fc.integer({ min: 0, max: 10_000 }),
    promotionShare: fc.integer({ min: 0, max: 1000 }),
    taxIncluded: fc.boolean(),
  })
  .map(({ promotionShare, ...l }) => ({
    ...l,
    // Any promotion from nothing to the whole line.
    promotionDiscountMinor: Math.floor((l.unitPriceMinor * l.quantity * promotionShare) / 1000),
  }));

/** A line and a way to return all its units in parts, each with its own fee and shipping choice. */
const returnPlanArb = lineArb.chain((line) =>
  fc
    .subarray(
      Array.from({ length: line.quantity - 1 }, (_, i) => i + 1),
      { minLength: 0 },
    )
    .chain((cuts) => {
      const bounds = [0, ...cuts, line.quantity];
      const parts = bounds.slice(1).map((end, i) => end - bounds[i]!);
      return fc.tuple(
        fc.constant(line),
        fc.constant(parts),
        fc.array(fc.integer({ min: 0, max: 10_000 }), {
          minLength: parts.length,
          maxLength: parts.length,
        }),
        fc.array(fc.boolean(), { minLength: parts.length, maxLength: parts.length }),
      );
    }),
);

const COMPONENTS = [
  'itemMinor',
  'itemTaxMinor',
  'shippingMinor',
  'shippingTaxMinor',
  'totalMinor',
] as const;

describe('refund properties', () => {
  it('partial returns without fees never exceed, and in the end exactly equal, what was paid', () => {
    fc.assert(
      fc.property(returnPlanArb, ([line, parts]) => {
        const paid = paidForLine(line);
        const refunds: RefundBreakdown[] = [];
        let returned = 0;
        for (const units of parts) {
          const next = refundForUnits(line, {
            alreadyReturnedUnits: returned,
            units,
            refundShipping: true,
            restockingFeeBps: 0,
          });
          expect(exceedsPaid(paid, sumBreakdowns(refunds), next)).toBe(false);
          refunds.push(next);
          returned += units;
          const soFar = sumBreakdowns(refunds);
          for (const key of COMPONENTS) expect(soFar[key]).toBeLessThanOrEqual(paid[key]);
        }
        expect(sumBreakdowns(refunds)).toEqual(paid);
        // Nothing is left, and one more unit is refused.
        expect(remainingRefundable(paid, sumBreakdowns(refunds)).totalMinor).toBe(0);
        expect(() =>
          refundForUnits(line, {
            alreadyReturnedUnits: returned,
            units: 1,
            refundShipping: true,
            restockingFeeBps: 0,
          }),
        ).toThrow(RangeError);
      }),
    );
  });

  it('with fees and kept shipping, the refunds never exceed what was paid, in total or per component', () => {
    fc.assert(
      fc.property(returnPlanArb, ([line, parts, fees, shipping]) => {
        const paid = paidForLine(line);
        const refunds: RefundBreakdown[] = [];
        let returned = 0;
        parts.forEach((units, i) => {
          const next = refundForUnits(line, {
            alreadyReturnedUnits: returned,
            units,
            refundShipping: shipping[i]!,
            restockingFeeBps: fees[i]!,
          });
          expect(next.totalMinor).toBeGreaterThanOrEqual(0);
          expect(exceedsPaid(paid, sumBreakdowns(refunds), next)).toBe(false);
          refunds.push(next);
          returned += units;
        });
        const all = sumBreakdowns(refunds);
        expect(all.totalMinor).toBeLessThanOrEqual(paid.totalMinor);
        expect(all.totalMinor + all.restockingFeeMinor).toBeLessThanOrEqual(paid.totalMinor);
        for (const key of COMPONENTS) expect(all[key]).toBeLessThanOrEqual(paid[key]);
      }),
    );
  });

  it('a return’s totals are the sums of its lines, in every currency', () => {
    for (const currency of CURRENCIES) {
      fc.assert(
        fc.property(
          fc.array(lineArb, { maxLength: 8 }),
          fc.integer({ min: 0, max: 8 }),
          (lines, split) => {
            const breakdowns = lines.map(paidForLine);
            const sum = sumBreakdowns(breakdowns);
            for (const key of COMPONENTS) {
              expect(sum[key]).toBe(breakdowns.reduce((s, b) => s + b[key], 0));
            }
            const totals = breakdowns.map((b) => ({ amountMinor: b.totalMinor, currency }));
            expect(sumMoney(totals, currency)).toEqual({ amountMinor: sum.totalMinor, currency });
            // Summing in parts gives the same as summing at once.
            const parts = [
              sumBreakdowns(breakdowns.slice(0, split)),
              sumBreakdowns(breakdowns.slice(split)),
            ];
            expect(sumBreakdowns(parts)).toEqual(sum);
          },
        ),
        { numRuns: 50 },
      );
    }
  });
});
