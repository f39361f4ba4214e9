import { describe, expect, it } from 'vitest';
import { decimalToMinor, minorToDecimal } from './amounts';

describe('Amazon amounts', () => {
  it('converts decimal text and numbers to minor units without float arithmetic', () => {
    expect(decimalToMinor('49.99', 'USD')).toBe(4999);
    expect(decimalToMinor('0.1', 'EUR')).toBe(10);
    expect(decimalToMinor(-25.99, 'USD')).toBe(-2599);
    expect(decimalToMinor('3980', 'JPY')).toBe(3980);
    expect(decimalToMinor('3980.00', 'JPY')).toBe(3980);
    expect(() => decimalToMinor('1.234', 'USD')).toThrow(RangeError);
    expect(() => decimalToMinor('12,50', 'EUR')).toThrow(RangeError);
  });

  it('writes minor units as Amazon decimals', () => {
    expect(minorToDecimal(4999, 'USD')).toBe('49.99');
    expect(minorToDecimal(5, 'GBP')).toBe('0.05');
    expect(minorToDecimal(-120, 'EUR')).toBe('-1.20');
    expect(minorToDecimal(29800, 'JPY')).toBe('29800');
  });
});
