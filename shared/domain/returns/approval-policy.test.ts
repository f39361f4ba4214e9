import { describe, expect, it } from 'vitest';
import { CURRENCIES, type Currency } from '../money';
import {
  DEFAULT_APPROVAL_POLICY,
  decideApproval,
  serialReturnerSignal,
  type ApprovalPolicy,
} from './approval-policy';

const policy = DEFAULT_APPROVAL_POLICY;

describe('decideApproval', () => {
  const expected: Record<Currency, number> = {
    USD: 5000,
    CAD: 6800,
    MXN: 90000,
    GBP: 4000,
    EUR: 4600,
    JPY: 7500,
  };

  it.each(CURRENCIES)(
    'approves %s just below the threshold and asks a manager at it',
    (currency) => {
      const threshold = expected[currency];
      expect(policy.autoApproveBelowMinor[currency]).toBe(threshold);
      const below = decideApproval({
        amount: { amountMinor: threshold - 1, currency },
        signals: [],
        policy,
      });
      expect(below).toEqual({
        decision: 'auto_approved',
        reasons: [],
        policyId: policy.id,
        policyVersion: policy.version,
      });
      const at = decideApproval({
        amount: { amountMinor: threshold, currency },
        signals: [],
        policy,
      });
      expect(at.decision).toBe('needs_manager');
      expect(at.reasons).toEqual([
        {
          code: 'ABOVE_THRESHOLD',
          params: { thresholdMinor: threshold, amountMinor: threshold, currency },
        },
      ]);
    },
  );

  it('asks a manager for any risk signal, whatever the amount', () => {
    const d = decideApproval({
      amount: { amountMinor: 0, currency: 'USD' },
      signals: [
        { code: 'SERIAL_MISMATCH', params: { expected: 'VA7-1' } },
        { code: 'OUTSIDE_WINDOW' },
      ],
      policy,
    });
    expect(d.decision).toBe('needs_manager');
    expect(d.reasons).toEqual([
      { code: 'SERIAL_MISMATCH', params: { expected: 'VA7-1' } },
      { code: 'OUTSIDE_WINDOW' },
    ]);
  });

  it('lists the threshold and the signals together when both apply', () => {
    const d = decideApproval({
      amount: { amountMinor: 10_000, currency: 'EUR' },
      signals: [{ code: 'ALREADY_REFUNDED' }],
      policy,
    });
    expect(d.reasons.map((r) => r.code)).toEqual(['ABOVE_THRESHOLD', 'ALREADY_REFUNDED']);
  });

  it('fails safe when a configured policy lacks the currency', () => {
    const partial = {
      ...policy,
      autoApproveBelowMinor: { USD: 5000 },
    } as unknown as ApprovalPolicy;
    const d = decideApproval({
      amount: { amountMinor: 1, currency: 'JPY' },
      signals: [],
      policy: partial,
    });
    expect(d.decision).toBe('needs_manager');
    expect(d.reasons).toEqual([{ code: 'NO_THRESHOLD_FOR_CURRENCY', params: { currency: 'JPY' } }]);
  });

  it('refuses negative or fractional amounts', () => {
    expect(() =>
      decideApproval({ amount: { amountMinor: -1, currency: 'USD' }, signals: [], policy }),
    ).toThrow(RangeError);
    expect(() =>
      decideApproval({ amount: { amountMinor: 1.5, currency: 'USD' }, signals: [], policy }),
    ).toThrow(RangeError);
  });
});

describe('serialReturnerSignal', () => {
  const now = '2026-06-30T12:00:00Z';

  it('flags the third earlier return within 90 days, not returns older than that', () => {
    const two = ['2026-06-01T10:00:00Z', '2026-05-01T10:00:00Z'];
    expect(serialReturnerSignal(two, now, policy)).toBeNull();
    expect(serialReturnerSignal([...two, '2026-04-01T12:00:00Z'], now, policy)).toEqual({
      code: 'SERIAL_RETURNER',
      params: { returns: 3, days: 90 },
    });
    // 2026-04-01T11:59Z is 90 days and one minute before now.
    expect(serialReturnerSignal([...two, '2026-04-01T11:59:00Z'], now, policy)).toBeNull();
  });
});
