import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { prngFromSeed } from './prng';
import { uuidV7 } from './uuid-v7';

describe('uuidV7', () => {
  it('has the v7 layout, carries the time, and passes zod', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 2 ** 48 - 1 }), (seed, ms) => {
        const id = uuidV7(prngFromSeed(seed), ms);
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
        expect(z.uuid().safeParse(id).success).toBe(true);
      }),
    );
  });

  it('sorts as text in time order', () => {
    const rng = prngFromSeed(1);
    const a = uuidV7(rng, Date.UTC(2026, 0, 1));
    const b = uuidV7(rng, Date.UTC(2026, 0, 1, 0, 0, 1));
    expect(a < b).toBe(true);
  });

  it('refuses times that do not fit 48 bits', () => {
    expect(() => uuidV7(prngFromSeed(1), -1)).toThrow(RangeError);
    expect(() => uuidV7(prngFromSeed(1), 2 ** 48)).toThrow(RangeError);
  });
});
