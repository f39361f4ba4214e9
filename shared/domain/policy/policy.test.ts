import { describe, expect, it } from 'vitest';
import {
  parsePolicyLabel,
  policyLabel,
  resolvePinnedPolicy,
  resolvePolicy,
  type PolicySet,
} from './policy-set';
import { routeRefund, tierAllows } from './routing';
import { deadlineStatus, endOfLocalDay, refundDueDate } from './refund-deadline';
import { previewPolicyChange, type PendingRequest } from './preview';

const STORE = '0190a000-0000-7000-8000-000000000001';
const OTHER_STORE = '0190a000-0000-7000-8000-000000000002';
const REGION = '0190a000-0000-7000-8000-0000000000a1';
const target = { storeId: STORE, regionId: REGION, marketplace: 'US' as const };

function set(partial: Partial<PolicySet> & Pick<PolicySet, 'scope' | 'rules'>): PolicySet {
  return {
    id: 'p',
    version: 1,
    publishedAt: '2026-11-01T00:00:00.000Z',
    publishedBy: null,
    ...partial,
  };
}

describe('resolving the effective policy', () => {
  it('takes each rule from the most specific set, merging currency tables by currency', () => {
    const sets = [
      set({
        id: 'chain',
        scope: { kind: 'chain' },
        rules: { autoApproveBelowMinor: { USD: 6000, EUR: 5000 }, refundDueBusinessDays: 3 },
      }),
      set({
        id: 'region-na',
        scope: { kind: 'region', regionId: REGION },
        rules: { autoApproveBelowMinor: { USD: 7000 } },
      }),
      set({
        id: 'store-ny01',
        scope: { kind: 'store', storeId: STORE },
        rules: { refundDueBusinessDays: 1 },
      }),
      set({
        id: 'store-other',
        scope: { kind: 'store', storeId: OTHER_STORE },
        rules: { refundDueBusinessDays: 5 },
      }),
    ];
    const p = resolvePolicy(sets, target);
    expect(p.rules.autoApproveBelowMinor.USD).toBe(7000);
    expect(p.rules.autoApproveBelowMinor.EUR).toBe(5000);
    expect(p.rules.autoApproveBelowMinor.JPY).toBe(7500); // the default
    expect(p.rules.refundDueBusinessDays).toBe(1);
    expect(policyLabel(p)).toBe('chain v1 · region-na v1 · store-ny01 v1');
  });

  it('uses only the latest version of each set', () => {
    const v1 = set({
      id: 'chain',
      version: 1,
      scope: { kind: 'chain' },
      rules: { autoApproveBelowMinor: { USD: 6000 } },
    });
    const v2 = { ...v1, version: 2, rules: { autoApproveBelowMinor: { USD: 9000 } } };
    expect(resolvePolicy([v2, v1], target).rules.autoApproveBelowMinor.USD).toBe(9000);
    expect(resolvePolicy([v2, v1], target).sources).toEqual([
      { id: 'chain', version: 2, scope: { kind: 'chain' } },
    ]);
  });
});

describe('routing a refund to who decides', () => {
  const policy = resolvePolicy([], target);
  const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' as const });

  it('escalates by amount: auto, store manager, regional manager, finance', () => {
    expect(routeRefund({ amount: usd(4999), signals: [], policy }).tier).toBe('auto');
    expect(routeRefund({ amount: usd(5000), signals: [], policy }).tier).toBe('store_manager');
    expect(routeRefund({ amount: usd(30000), signals: [], policy }).tier).toBe('store_manager');
    expect(routeRefund({ amount: usd(60000), signals: [], policy }).tier).toBe('regional_manager');
    expect(routeRefund({ amount: usd(200000), signals: [], policy }).tier).toBe('finance');
  });

  it('any risk signal forces a person, with its reason', () => {
    const r = routeRefund({
      amount: usd(1000),
      signals: [{ code: 'SERIAL_RETURNER', params: { returns: 4, days: 90 } }],
      policy,
    });
    expect(r).toEqual({
      tier: 'store_manager',
      reasons: [{ code: 'SERIAL_RETURNER', params: { returns: 4, days: 90 } }],
    });
  });

  it('only the right roles decide each tier', () => {
    expect(tierAllows('regional_manager', 'store_manager')).toBe(false);
    expect(tierAllows('regional_manager', 'regional_manager')).toBe(true);
    expect(tierAllows('finance', 'finance')).toBe(true);
    expect(tierAllows('store_manager', 'clerk')).toBe(false);
  });
});

describe('the refund deadline in the marketplace calendar', () => {
  it('counts business days after receipt, skipping weekends and holidays, in the marketplace zone', () => {
    // Friday 2026-11-20 18:00 in Los Angeles is Saturday 02:00 UTC: received on Friday (LA).
    expect(
      refundDueDate({
        receivedAt: '2026-11-21T02:00:00.000Z',
        marketplace: 'US',
        businessDays: 2,
        holidays: [],
      }),
    ).toBe('2026-11-24');
    // Thanksgiving 2026-11-26 as a holiday: Wednesday's two business days are Friday and Monday.
    expect(
      refundDueDate({
        receivedAt: '2026-11-25T18:00:00.000Z',
        marketplace: 'US',
        businessDays: 2,
        holidays: ['2026-11-26'],
      }),
    ).toBe('2026-11-30');
    // In Tokyo the same instant is already Saturday morning.
    expect(
      refundDueDate({
        receivedAt: '2026-11-21T02:00:00.000Z',
        marketplace: 'JP',
        businessDays: 2,
        holidays: [],
      }),
    ).toBe('2026-11-24');
  });

  it('ends the due day at local midnight, and alerts before it passes', () => {
    expect(new Date(endOfLocalDay('2026-11-24', 'America/Los_Angeles')).toISOString()).toBe(
      '2026-11-25T08:00:00.000Z',
    );
    expect(new Date(endOfLocalDay('2026-03-28', 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(new Date(endOfLocalDay('2026-03-29', 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
    const at = (now: string) =>
      deadlineStatus({ dueDate: '2026-11-24', marketplace: 'US', alertHours: 12, now }).status;
    expect(at('2026-11-24T12:00:00.000Z')).toBe('on_time');
    expect(at('2026-11-24T21:00:00.000Z')).toBe('due_soon');
    expect(at('2026-11-25T08:00:00.000Z')).toBe('overdue');
  });
});

describe('previewing a policy change', () => {
  it('counts the pending requests whose routing would change, as publishing then does', () => {
    const pending: PendingRequest[] = [3000, 6000, 8000, 25000].map((amountMinor, i) => ({
      id: `r${i}`,
      amount: { amountMinor, currency: 'USD' },
      signals: [],
      target,
    }));
    const chain = set({ id: 'chain', scope: { kind: 'chain' }, rules: {} });
    const draft = { ...chain, version: 2, rules: { autoApproveBelowMinor: { USD: 10000 } } };
    const preview = previewPolicyChange(pending, [chain], draft);
    expect(preview.nowAutoApproved).toBe(2);
    expect(preview.changes).toEqual([
      { requestId: 'r1', from: 'store_manager', to: 'auto' },
      { requestId: 'r2', from: 'store_manager', to: 'auto' },
    ]);
    // Publishing = routing under the new set list.
    const after = resolvePolicy([chain, draft], target);
    const autoAfter = pending.filter(
      (r) => routeRefund({ ...r, policy: after }).tier === 'auto',
    ).length;
    const autoBefore = pending.filter(
      (r) => routeRefund({ ...r, policy: resolvePolicy([chain], target) }).tier === 'auto',
    ).length;
    expect(autoAfter - autoBefore).toBe(preview.nowAutoApproved);
  });
});

describe('a request pinned to the versions that decided it', () => {
  it('resolves exactly the named versions after newer ones are out', () => {
    const v3 = set({
      id: 'chain',
      version: 3,
      scope: { kind: 'chain' },
      rules: { autoApproveBelowMinor: { USD: 6000 } },
    });
    const v4 = { ...v3, version: 4, rules: { autoApproveBelowMinor: { USD: 1000 } } };
    const label = policyLabel(resolvePolicy([v3], target));
    expect(label).toBe('chain v3');
    expect(resolvePinnedPolicy([v3, v4], target, label)!.rules.autoApproveBelowMinor.USD).toBe(
      6000,
    );
    expect(resolvePolicy([v3, v4], target).rules.autoApproveBelowMinor.USD).toBe(1000);
    expect(resolvePinnedPolicy([v4], target, label)).toBeNull();
    expect(resolvePinnedPolicy([], target, 'defaults')!.rules.autoApproveBelowMinor.USD).toBe(5000);
    expect(parsePolicyLabel('nonsense')).toBeNull();
  });
});
