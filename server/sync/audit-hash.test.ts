import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainHash } from '../../db/repositories/audit';
import { auditEventHash } from './audit-hash';

describe('the audit hash', () => {
  it('is the desktop’s, for any event', () => {
    const text = fc.option(fc.string(), { nil: null });
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.integer({ min: 1 }),
          id: fc.uuid(),
          deviceId: fc.uuid(),
          userId: fc.option(fc.uuid(), { nil: null }),
          storeId: fc.option(fc.uuid(), { nil: null }),
          action: fc.string(),
          entityType: fc.string(),
          entityId: text,
          before: text,
          after: text,
          at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          hlc: fc.string(),
          prevHash: fc.stringMatching(/^[0-9a-f]{64}$/),
        }),
        (event) => {
          expect(auditEventHash(event)).toBe(chainHash(event));
        },
      ),
    );
  });
});
