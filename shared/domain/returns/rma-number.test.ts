import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRmaNumber, localDateIn, parseRmaNumber, RMA_NUMBER_PATTERN } from './rma-number';

describe('RMA numbers', () => {
  it('reads like NY01-A-261121-0042', () => {
    const rma = formatRmaNumber({
      storeCode: 'NY01',
      deviceCode: 'A',
      localDate: '2026-11-21',
      sequence: 42,
    });
    expect(rma).toBe('NY01-A-261121-0042');
    expect(RMA_NUMBER_PATTERN.test(rma)).toBe(true);
    expect(parseRmaNumber(rma)).toEqual({
      storeCode: 'NY01',
      deviceCode: 'A',
      localDate: '2026-11-21',
      sequence: 42,
    });
  });

  it('refuses a sequence outside 1…9999 instead of wrapping round', () => {
    const base = { storeCode: 'NY01', deviceCode: 'A', localDate: '2026-11-21' };
    expect(formatRmaNumber({ ...base, sequence: 9999 })).toBe('NY01-A-261121-9999');
    expect(() => formatRmaNumber({ ...base, sequence: 10_000 })).toThrow(RangeError);
    expect(() => formatRmaNumber({ ...base, sequence: 0 })).toThrow(RangeError);
    expect(() => formatRmaNumber({ ...base, sequence: 1.5 })).toThrow(RangeError);
  });

  it('refuses parts that would not read back', () => {
    const base = { storeCode: 'NY01', deviceCode: 'A', localDate: '2026-11-21', sequence: 1 };
    expect(() => formatRmaNumber({ ...base, storeCode: 'ny01' })).toThrow(RangeError);
    expect(() => formatRmaNumber({ ...base, storeCode: 'NY-1' })).toThrow(RangeError);
    expect(() => formatRmaNumber({ ...base, deviceCode: 'ABC' })).toThrow(RangeError);
    expect(() => formatRmaNumber({ ...base, localDate: '2026-02-30' })).toThrow(RangeError);
    expect(() => formatRmaNumber({ ...base, localDate: '2126-01-01' })).toThrow(RangeError);
  });

  it('parses malformed numbers to null', () => {
    for (const s of [
      '',
      'NY01-A-261121-42',
      'NY01-A-261131-0042', // 31 Nov
      'NY01-A-261121-0000',
      'ny01-a-261121-0042',
      ' NY01-A-261121-0042',
      'NY01-A1-261121-0042',
      'NY01-A-261121-0042-X',
    ]) {
      expect(parseRmaNumber(s), s).toBeNull();
    }
  });

  it('round-trips every valid number', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9]{2,8}$/),
        fc.stringMatching(/^[A-Z]{1,2}$/),
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 1, max: 9999 }),
        (storeCode, deviceCode, date, sequence) => {
          const parts = {
            storeCode,
            deviceCode,
            localDate: date.toISOString().slice(0, 10),
            sequence,
          };
          const rma = formatRmaNumber(parts);
          expect(RMA_NUMBER_PATTERN.test(rma)).toBe(true);
          expect(parseRmaNumber(rma)).toEqual(parts);
        },
      ),
    );
  });

  it('dates a number by the store’s day, not UTC’s', () => {
    // 02:00 UTC on 22 Nov is still 21 Nov in New York.
    expect(localDateIn('America/New_York', '2026-11-22T02:00:00Z')).toBe('2026-11-21');
    expect(localDateIn('Asia/Tokyo', '2026-11-21T16:00:00Z')).toBe('2026-11-22');
  });
});
