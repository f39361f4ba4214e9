import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refundDigest as desktopDigest } from '../../../electron/backend/returns/digest';
import { refundDigest } from './refund-digest';

describe('the refund digest', () => {
  it('is the desktop’s, for any request, whatever order the lines come in', () => {
    const line = fc.record({
      orderLineId: fc.uuid(),
      units: fc.integer({ min: 1, max: 20 }),
      totalMinor: fc.integer({ min: 0, max: 10_000_000 }),
    });
    fc.assert(
      fc.property(
        fc.record({
          id: fc.uuid(),
          orderId: fc.uuid(),
          currency: fc.constantFrom('USD', 'EUR', 'JPY', 'GBP'),
          totalMinor: fc.integer({ min: 0 }),
          lines: fc.array(line, { minLength: 1, maxLength: 5 }),
        }),
        (request) => {
          expect(refundDigest(request)).toBe(desktopDigest(request));
          expect(refundDigest({ ...request, lines: [...request.lines].reverse() })).toBe(
            refundDigest(request),
          );
        },
      ),
    );
  });
});
