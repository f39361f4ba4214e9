import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divRoundHalfUp, roundToStep } from './integer-math';
import { shelfPriceMinor } from './pricing';
import { taxOn } from './tax-rules';

describe('divRoundHalfUp', () => {
  it('rounds halves up and everything else to nearest', () => {
    expect(divRoundHalfUp(5, 10)).toBe(1);
    expect(divRoundHalfUp(4, 10)).toBe(0);
    expect(divRoundHalfUp(15, 10)).toBe(2);
    expect(divRoundHalfUp(0, 7)).toBe(0);
    expect(roundToStep(1249, 500)).toBe(1000);
    expect(roundToStep(1250, 500)).toBe(1500);
  });

  it('agrees with exact BigInt arithmetic for large values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 50 }),
        fc.integer({ min: 1, max: 2 ** 20 }),
        (n, d) => {
          const exact = Number((2n * BigInt(n) + BigInt(d)) / (2n * BigInt(d)));
          expect(divRoundHalfUp(n, d)).toBe(exact);
        },
      ),
    );
  });

  it('refuses negative or fractional input instead of guessing', () => {
    expect(() => divRoundHalfUp(-1, 3)).toThrow(RangeError);
    expect(() => divRoundHalfUp(1.5, 3)).toThrow(RangeError);
    expect(() => divRoundHalfUp(1, 0)).toThrow(RangeError);
  });
});

describe('tax and prices', () => {
  it('takes the VAT out of an inclusive price and adds sales tax on top', () => {
    expect(taxOn(11900, { kind: 'included', rate: 19_000 })).toBe(1900);
    expect(taxOn(3980, { kind: 'included', rate: 10_000 })).toBe(362); // 361.8…
    expect(taxOn(10000, { kind: 'added', rate: 8875, taxesShipping: true })).toBe(888); // 887.5
  });

  it('rounds shelf prices like shops do', () => {
    expect(shelfPriceMinor(2999, 'USD')).toBe(2999);
    expect(shelfPriceMinor(2999, 'EUR')).toBe(2999);
    expect(shelfPriceMinor(2999, 'CAD')).toBe(3999); // 40.49 → 39.99
    expect(shelfPriceMinor(2999, 'JPY')).toBe(4480);
    expect(shelfPriceMinor(19999, 'JPY')).toBe(29800);
    expect(shelfPriceMinor(499, 'JPY')).toBe(680);
  });
});
