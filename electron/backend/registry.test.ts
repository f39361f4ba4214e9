import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from './testing';

/**
 * The registry is the only enforcer of who may do what (DESIGN.md §3): every refusal below
 * must come back as an error value with its stable code and leave the database untouched.
 */
describe('the call registry', () => {
  let t: TestBackend;
  let stores: Record<string, string>;
  const CLERK = 'till-clerk';
  const MANAGER = 'till-manager';
  const RM = 'till-rm';

  beforeAll(async () => {
    t = await testBackend({ storeCode: 'NY01' });
    stores = Object.fromEntries(
      t
        .query<{ code: string; id: string }>('SELECT code, id FROM stores')
        .map((s) => [s.code, s.id]),
    );
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.signIn(CLERK, 'clerk.ny01', t.secrets.clerk);
    await t.signIn(MANAGER, 'manager.ny01', t.secrets.store_manager);
    await t.signIn(RM, 'rm.na', t.secrets.regional_manager);
  });

  const refused = async (channel: string, name: string, input: unknown, code: string) => {
    const before = t.fingerprint();
    const result = await t.backend.dispatch(channel, name, input);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(t.fingerprint()).toBe(before);
    return result;
  };

  it('answers an unknown call with UNKNOWN_CALL', async () => {
    await refused(CLERK, 'orders.dropTable', {}, 'UNKNOWN_CALL');
  });

  it('refuses invalid input with INVALID_INPUT and the failing fields', async () => {
    const result = await refused(CLERK, 'orders.recent', { storeId: 'not-an-id' }, 'INVALID_INPUT');
    expect(JSON.stringify(result)).toContain('storeId');
    await refused(
      MANAGER,
      'settings.update',
      { storeId: stores.NY01!, key: 'idleLockSeconds', value: 5 },
      'INVALID_INPUT',
    );
    await refused(
      MANAGER,
      'settings.update',
      { storeId: stores.NY01!, key: 'noSuchSetting', value: 60 },
      'INVALID_INPUT',
    );
    await refused(
      MANAGER,
      'settings.update',
      { storeId: stores.NY01!, key: 'idleLockSeconds', value: 60, extra: 1 },
      'INVALID_INPUT',
    );
  });

  it('refuses a call the role may not make with FORBIDDEN', async () => {
    await refused(
      CLERK,
      'settings.update',
      { storeId: stores.NY01!, key: 'idleLockSeconds', value: 60 },
      'FORBIDDEN',
    );
    await refused(CLERK, 'audit.verify', {}, 'FORBIDDEN');
    await refused(MANAGER, 'finance.orderTotals', {}, 'FORBIDDEN');
  });

  it('refuses a call outside the role’s store or region with OUT_OF_SCOPE', async () => {
    await refused(CLERK, 'orders.recent', { storeId: stores.BE01! }, 'OUT_OF_SCOPE');
    await refused(
      MANAGER,
      'settings.update',
      { storeId: stores.BO01!, key: 'idleLockSeconds', value: 60 },
      'OUT_OF_SCOPE',
    );
    await refused(
      RM,
      'settings.update',
      { storeId: stores.TK01!, key: 'idleLockSeconds', value: 60 },
      'OUT_OF_SCOPE',
    );
    const deClerk = t.query<{ id: string }>(
      "SELECT id FROM users WHERE username = 'clerk.be01'",
    )[0]!.id;
    await refused(
      RM,
      'users.unlock',
      { userId: deClerk, reason: 'called the store' },
      'OUT_OF_SCOPE',
    );
    const admin = t.query<{ id: string }>("SELECT id FROM users WHERE username = 'admin'")[0]!.id;
    await refused(
      MANAGER,
      'users.unlock',
      { userId: admin, reason: 'called the store' },
      'OUT_OF_SCOPE',
    );
  });

  it('refuses everything but public calls before sign-in with UNAUTHENTICATED', async () => {
    await refused('nobody', 'orders.recent', { storeId: stores.NY01! }, 'UNAUTHENTICATED');
    const current = await t.ok('nobody', 'session.current', {});
    expect(current.user).toBeNull();
    expect(current.device.storeCode).toBe('NY01');
  });

  it('lets a regional manager act on any store of the region', async () => {
    const result = await t.ok(RM, 'settings.update', {
      storeId: stores.BO01!,
      key: 'lockoutMinutes',
      value: 30,
    });
    expect(result.settings.lockoutMinutes).toBe(30);
  });

  it('writes a change, one audit event and one outbox mutation together', async () => {
    const count = () => ({
      audit: t.query<{ n: number }>('SELECT count(*) AS n FROM audit_events')[0]!.n,
      outbox: t.query<{ n: number }>('SELECT count(*) AS n FROM outbox')[0]!.n,
    });
    const before = count();
    const result = await t.ok(MANAGER, 'settings.update', {
      storeId: stores.NY01!,
      key: 'maxFailedSignIns',
      value: 6,
    });
    expect(result.settings.maxFailedSignIns).toBe(6);
    expect(count()).toEqual({ audit: before.audit + 1, outbox: before.outbox + 1 });
    const [event] = t.query<{
      id: string;
      action: string;
      before: string;
      after: string;
      hlc: string;
    }>('SELECT id, action, before, after, hlc FROM audit_events ORDER BY seq DESC LIMIT 1');
    const [mutation] = t.query<{ name: string; args: string; hlc: string; audit_event_id: string }>(
      'SELECT name, args, hlc, audit_event_id FROM outbox ORDER BY mutation_id DESC LIMIT 1',
    );
    expect(event!.action).toBe('settings.update');
    expect(JSON.parse(event!.before).maxFailedSignIns).toBe(5);
    expect(JSON.parse(event!.after).maxFailedSignIns).toBe(6);
    expect(mutation).toMatchObject({
      name: 'settings.update',
      hlc: event!.hlc,
      audit_event_id: event!.id,
    });
    expect(JSON.parse(mutation!.args)).toEqual({
      storeId: stores.NY01!,
      key: 'maxFailedSignIns',
      value: 6,
    });
    await t.ok(MANAGER, 'settings.update', {
      storeId: stores.NY01!,
      key: 'maxFailedSignIns',
      value: 5,
    });
  });

  it('masks buyer names for clerks but not for store managers', async () => {
    const asClerk = await t.ok(CLERK, 'orders.recent', { storeId: stores.NY01!, limit: 5 });
    const asManager = await t.ok(MANAGER, 'orders.recent', { storeId: stores.NY01!, limit: 5 });
    expect(asClerk).toHaveLength(5);
    expect(asClerk.map((o) => o.amazonOrderId)).toEqual(asManager.map((o) => o.amazonOrderId));
    for (const [i, order] of asClerk.entries()) {
      expect(order.buyerName).toContain('*');
      expect(order.buyerName).not.toBe(asManager[i]!.buyerName);
    }
  });

  it('keeps the audit chain intact through all of the above', async () => {
    await t.signIn('till-admin', 'admin', t.secrets.admin);
    const report = await t.ok('till-admin', 'audit.verify', {});
    expect(report.intact).toBe(true);
    expect(report.checked).toBeGreaterThan(20);
  });
});

describe('events', () => {
  it('pushes the sync status to every window when a change is queued', async () => {
    const t = await testBackend();
    try {
      const seen: unknown[] = [];
      t.backend.onEvent((channel, event, payload) => seen.push({ channel, event, payload }));
      await t.signIn('c1', 'clerk.ny01', t.secrets.clerk);
      await t.ok('c1', 'me.setLanguage', { language: 'zh-CN' });
      expect(seen).toContainEqual({
        channel: null,
        event: 'sync.status',
        payload: expect.objectContaining({ pendingMutations: 1, backOffice: 'not_configured' }),
      });
      expect(seen).toContainEqual({
        channel: 'c1',
        event: 'session.changed',
        payload: { reason: 'signedIn' },
      });
    } finally {
      t.close();
    }
  });
});
