import { describe, expect, it } from 'vitest';
import { MARKETPLACE_CODES } from '../marketplaces';
import { DEFAULT_RETURN_POLICIES, restockingFeesFor } from './return-policy';
import { ReturnPolicySchema } from './return-policy-schema';

describe('default return policies', () => {
  it('exist for every marketplace, name it, and pass their own schema', () => {
    for (const code of MARKETPLACE_CODES) {
      const policy = DEFAULT_RETURN_POLICIES[code];
      expect(policy.marketplace).toBe(code);
      expect(policy.id.startsWith(`${code}-`)).toBe(true);
      expect(ReturnPolicySchema.parse(policy)).toEqual(policy);
    }
  });

  it('has the statutory 14 days only where the law gives them', () => {
    expect(DEFAULT_RETURN_POLICIES.DE.legalWithdrawalDays).toBe(14);
    expect(DEFAULT_RETURN_POLICIES.FR.legalWithdrawalDays).toBe(14);
    expect(DEFAULT_RETURN_POLICIES.UK.legalWithdrawalDays).toBe(14);
    expect(DEFAULT_RETURN_POLICIES.US.legalWithdrawalDays).toBeNull();
    expect(DEFAULT_RETURN_POLICIES.JP.legalWithdrawalDays).toBeNull();
  });

  it('has the US holiday seasons for 2025 and 2026', () => {
    expect(DEFAULT_RETURN_POLICIES.US.holidayExtensions).toContainEqual({
      shippedFrom: '2026-11-01',
      shippedTo: '2026-12-31',
      returnBy: '2027-01-31',
    });
    expect(DEFAULT_RETURN_POLICIES.US.holidayExtensions).toHaveLength(2);
  });

  it('charges more for opened media, and a category override replaces single fees only', () => {
    const us = DEFAULT_RETURN_POLICIES.US;
    expect(restockingFeesFor(us, 'books_media')).toEqual({
      late: 2000,
      opened: 5000,
      damaged: 5000,
      missingParts: 5000,
    });
    expect(restockingFeesFor(us, 'toys').opened).toBe(1500);
    // An inherited property name is not a category.
    expect(restockingFeesFor(us, 'constructor')).toEqual(us.restockingFeeBps);
  });

  it('cannot be changed in place by a caller', () => {
    expect(Object.isFrozen(DEFAULT_RETURN_POLICIES.US.restockingFeeBps)).toBe(true);
    expect(() => {
      (DEFAULT_RETURN_POLICIES.US as { windowDays: number }).windowDays = 90;
    }).toThrow(TypeError);
  });

  it('rejects configured policies with impossible values', () => {
    const us = DEFAULT_RETURN_POLICIES.US;
    const tooMuch = { ...us, restockingFeeBps: { ...us.restockingFeeBps, late: 10_001 } };
    expect(ReturnPolicySchema.safeParse(tooMuch).success).toBe(false);
    const badDate = {
      ...us,
      holidayExtensions: [
        { shippedFrom: '2026-11-01', shippedTo: '2026-12-31', returnBy: '2027-02-30' },
      ],
    };
    expect(ReturnPolicySchema.safeParse(badDate).success).toBe(false);
    expect(ReturnPolicySchema.safeParse({ ...us, marketplace: 'XX' }).success).toBe(false);
  });
});
