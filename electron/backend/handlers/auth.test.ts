import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../testing';

describe('signing in at a shared till', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = await testBackend({ storeCode: 'NY01' });
  });
  afterEach(() => t.close());

  const auditActions = () =>
    t
      .query<{ action: string }>('SELECT action FROM audit_events ORDER BY seq')
      .map((r) => r.action);

  it('signs in with the right PIN and reports the role, scope and permissions', async () => {
    const user = await t.signIn('c1', 'clerk.ny01', t.secrets.clerk);
    expect(user).toMatchObject({ username: 'clerk.ny01', role: 'clerk', scope: { kind: 'store' } });
    expect(user.permissions).toContain('orders.read');
    expect(user.permissions).not.toContain('settings.manage');
    const current = await t.ok('c1', 'session.current', {});
    expect(current).toMatchObject({ user: { username: 'clerk.ny01' }, locked: false });
    expect(auditActions()).toContain('auth.signedIn');
  });

  it('counts wrong PINs, locks on the fifth, audits and queues the lock, and refuses the right PIN while locked', async () => {
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(await t.call('c1', 'auth.signIn', { username: 'clerk.ny01', secret: '0000' }));
    expect(answers.slice(0, 4).map((a) => !a.ok && a.error)).toEqual(
      [4, 3, 2, 1].map((left) =>
        expect.objectContaining({ code: 'BAD_CREDENTIALS', details: { attemptsLeft: left } }),
      ),
    );
    expect(answers[4]).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED', details: { lockedUntil: '2026-11-21T15:15:00.000Z' } },
    });

    const locked = await t.call('c1', 'auth.signIn', {
      username: 'clerk.ny01',
      secret: t.secrets.clerk,
    });
    expect(locked).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });

    expect(auditActions().filter((a) => a === 'auth.signInFailed')).toHaveLength(4);
    expect(auditActions()).toContain('auth.accountLocked');
    const [lockEvent] = t.query<{ after: string; before: string }>(
      "SELECT before, after FROM audit_events WHERE action = 'auth.accountLocked'",
    );
    expect(JSON.parse(lockEvent!.after)).toMatchObject({
      failedAttempts: 5,
      lockedUntil: '2026-11-21T15:15:00.000Z',
    });
    expect(lockEvent!.after).not.toContain('scrypt');
    expect(t.query<{ name: string }>('SELECT name FROM outbox')).toEqual([{ name: 'users.lock' }]);

    // The lock lifts by itself after the store's lockout time.
    t.clock.now += 15 * 60_000 + 1;
    await expect(t.signIn('c1', 'clerk.ny01', t.secrets.clerk)).resolves.toMatchObject({
      username: 'clerk.ny01',
    });
    expect(
      t.query<{ failed_attempts: number }>(
        "SELECT failed_attempts FROM users WHERE username = 'clerk.ny01'",
      )[0]!.failed_attempts,
    ).toBe(0);
  });

  it('lets the store manager unlock a locked clerk, with a reason that is audited', async () => {
    for (let i = 0; i < 5; i++)
      await t.call('c1', 'auth.signIn', { username: 'clerk.ny01', secret: '9999' });
    await t.signIn('m1', 'manager.ny01', t.secrets.store_manager);
    const storeId = t.query<{ id: string }>("SELECT id FROM stores WHERE code = 'NY01'")[0]!.id;
    const lockedUsers = await t.ok('m1', 'users.list', { storeId });
    const clerk = lockedUsers.find((u) => u.username === 'clerk.ny01')!;
    expect(clerk.lockedUntil).not.toBeNull();
    const unlocked = await t.ok('m1', 'users.unlock', {
      userId: clerk.id,
      reason: 'customer waiting, identity checked',
    });
    expect(unlocked).toMatchObject({ lockedUntil: null, failedAttempts: 0 });
    await expect(t.signIn('c1', 'clerk.ny01', t.secrets.clerk)).resolves.toMatchObject({
      role: 'clerk',
    });
    const [event] = t.query<{ after: string }>(
      "SELECT after FROM audit_events WHERE action = 'users.unlock'",
    );
    expect(JSON.parse(event!.after).reason).toBe('customer waiting, identity checked');
  });

  it('refuses an unknown user and staff of another store, without telling which', async () => {
    await expect(
      t.call('c1', 'auth.signIn', { username: 'nobody', secret: '1234' }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'BAD_CREDENTIALS' },
    });
    await expect(
      t.call('c1', 'auth.signIn', { username: 'clerk.be01', secret: t.secrets.clerk }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'WRONG_STORE' },
    });
    await expect(
      t.call('c1', 'auth.signIn', { username: 'rm.eu', secret: t.secrets.regional_manager }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'WRONG_STORE' },
    });
    expect((await t.ok('c1', 'session.current', {})).user).toBeNull();
  });

  it('locks an idle till by itself, audits it, and unlocks with the same user’s PIN', async () => {
    await t.signIn('c1', 'clerk.ny01', t.secrets.clerk);
    const storeId = t.query<{ id: string }>("SELECT id FROM stores WHERE code = 'NY01'")[0]!.id;
    t.clock.now += 299_000;
    await t.ok('c1', 'orders.recent', { storeId, limit: 1 }); // activity resets the timer
    t.clock.now += 299_000;
    // Background polling is not activity.
    await t.ok('c1', 'sync.status', {});
    t.clock.now += 2_000;
    await expect(t.call('c1', 'orders.recent', { storeId, limit: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'SESSION_LOCKED' },
    });
    expect(auditActions()).toContain('auth.autoLocked');
    expect((await t.ok('c1', 'session.current', {})).locked).toBe(true);

    await expect(t.call('c1', 'auth.unlock', { secret: '0000' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'BAD_CREDENTIALS' },
    });
    await expect(t.ok('c1', 'auth.unlock', { secret: t.secrets.clerk })).resolves.toMatchObject({
      username: 'clerk.ny01',
    });
    await expect(t.ok('c1', 'orders.recent', { storeId, limit: 1 })).resolves.toHaveLength(1);
  });

  it('switches user at a shared till: sign out, next person signs in, each session on its own', async () => {
    await t.signIn('c1', 'clerk.ny01', t.secrets.clerk);
    await t.ok('c1', 'auth.lock', {});
    await t.ok('c1', 'auth.signOut', {});
    expect((await t.ok('c1', 'session.current', {})).user).toBeNull();
    await t.signIn('c1', 'manager.ny01', t.secrets.store_manager);
    expect((await t.ok('c1', 'session.current', {})).user?.role).toBe('store_manager');
    expect((await t.ok('c2', 'session.current', {})).user).toBeNull();
    expect(auditActions()).toEqual(expect.arrayContaining(['auth.locked', 'auth.signedOut']));
  });

  it('remembers a user’s language and queues the change', async () => {
    await t.signIn('c1', 'clerk.ny01', t.secrets.clerk);
    await t.ok('c1', 'me.setLanguage', { language: 'zh-CN' });
    expect((await t.ok('c1', 'session.current', {})).user?.language).toBe('zh-CN');
    expect(t.query<{ name: string }>('SELECT name FROM outbox')).toEqual([
      { name: 'users.setLanguage' },
    ]);
  });
});
