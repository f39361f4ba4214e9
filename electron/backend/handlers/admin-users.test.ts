import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { testBackend, type TestBackend } from '../testing';

describe('the admin manages people', () => {
  let t: TestBackend;
  let ny01: string;
  let naRegion: string;
  beforeEach(async () => {
    t = await testBackend({ storeCode: 'NY01' });
    await t.signIn('admin', 'admin', t.secrets.admin);
    const all = await t.ok('admin', 'users.all', {});
    const clerk = all.find((u) => u.username === 'clerk.ny01')!;
    const rm = all.find((u) => u.username === 'rm.na')!;
    ny01 = clerk.scope.kind === 'store' ? clerk.scope.storeId : '';
    naRegion = rm.scope.kind === 'region' ? rm.scope.regionId : '';
  });
  afterEach(() => t.close());

  const newClerk = () => ({
    id: uuidv7(),
    username: 'Jane.Doe',
    displayName: 'Jane Doe',
    role: 'clerk' as const,
    scope: { kind: 'store' as const, storeId: ny01 },
    secret: '482913',
  });

  it('lists everyone with their scope, and creates a clerk who can then sign in at the till', async () => {
    const all = await t.ok('admin', 'users.all', {});
    expect(all.find((u) => u.username === 'rm.na')).toMatchObject({
      role: 'regional_manager',
      scopeLabel: expect.any(String),
      secretKind: 'pin',
    });
    const created = await t.ok('admin', 'users.create', newClerk());
    expect(created).toMatchObject({ username: 'jane.doe', scopeLabel: 'NY01', active: true });

    // One audit event and one outbox mutation, neither carrying the PIN.
    const [mutation] = t.query<{ name: string; args: string }>(
      "SELECT name, args FROM outbox WHERE name = 'users.create'",
    );
    expect(mutation!.args).not.toContain('482913');
    const [event] = t.query<{ after: string }>(
      "SELECT after FROM audit_events WHERE action = 'users.create'",
    );
    expect(event!.after).not.toContain('482913');
    expect(event!.after).not.toContain('scrypt');

    await t.ok('admin', 'auth.signOut', {});
    await expect(t.signIn('till', 'jane.doe', '482913')).resolves.toMatchObject({ role: 'clerk' });
  });

  it('refuses a taken username, a scope that does not fit the role, and a weak secret, changing nothing', async () => {
    const before = t.fingerprint();
    const taken = await t.call('admin', 'users.create', { ...newClerk(), username: 'clerk.ny01' });
    expect(taken).toMatchObject({ ok: false, error: { code: 'USERNAME_TAKEN' } });
    const misfit = await t.call('admin', 'users.create', {
      ...newClerk(),
      scope: { kind: 'region', regionId: naRegion },
    });
    expect(misfit).toMatchObject({ ok: false, error: { code: 'ROLE_SCOPE_MISMATCH' } });
    const weakPin = await t.call('admin', 'users.create', { ...newClerk(), secret: '12ab' });
    expect(weakPin).toMatchObject({ ok: false, error: { code: 'WEAK_SECRET' } });
    const weakPassword = await t.call('admin', 'users.create', {
      ...newClerk(),
      role: 'finance',
      scope: { kind: 'chain' },
      secret: 'short',
    });
    expect(weakPassword).toMatchObject({ ok: false, error: { code: 'WEAK_SECRET' } });
    const unknownStore = await t.call('admin', 'users.create', {
      ...newClerk(),
      scope: { kind: 'store', storeId: uuidv7() },
    });
    expect(unknownStore).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(t.fingerprint()).toBe(before);
  });

  it('promotes a clerk to regional manager with a reason, and deactivation stops their sign-in', async () => {
    const created = await t.ok('admin', 'users.create', newClerk());
    const promoted = await t.ok('admin', 'users.update', {
      userId: created.id,
      role: 'regional_manager',
      scope: { kind: 'region', regionId: naRegion },
      reason: 'Promoted to the North America region',
    });
    expect(promoted).toMatchObject({ role: 'regional_manager', scope: { kind: 'region' } });
    const deactivated = await t.ok('admin', 'users.update', {
      userId: created.id,
      active: false,
      reason: 'Left the company',
    });
    expect(deactivated.active).toBe(false);
    const refused = await t.call('till', 'auth.signIn', { username: 'jane.doe', secret: '482913' });
    expect(refused.ok).toBe(false);
  });

  it('a role that signs in with another kind of secret needs a new one; nobody demotes themselves', async () => {
    const created = await t.ok('admin', 'users.create', newClerk());
    const noPassword = await t.call('admin', 'users.update', {
      userId: created.id,
      role: 'finance',
      scope: { kind: 'chain' },
      reason: 'Moves to finance',
    });
    expect(noPassword).toMatchObject({ ok: false, error: { code: 'WEAK_SECRET' } });
    const all = await t.ok('admin', 'users.all', {});
    const me = all.find((u) => u.username === 'admin')!;
    const self = await t.call('admin', 'users.update', {
      userId: me.id,
      active: false,
      reason: 'testing',
    });
    expect(self).toMatchObject({ ok: false, error: { code: 'CANNOT_CHANGE_SELF' } });
  });

  it('resets a locked clerk’s PIN, which also lifts the lock', async () => {
    for (let i = 0; i < 5; i++)
      await t.call('c1', 'auth.signIn', { username: 'clerk.ny01', secret: '0000' });
    const all = await t.ok('admin', 'users.all', {});
    const clerk = all.find((u) => u.username === 'clerk.ny01')!;
    expect(clerk.lockedUntil).not.toBeNull();
    const reset = await t.ok('admin', 'users.resetSecret', {
      userId: clerk.id,
      secret: '97531',
      reason: 'Forgot PIN, identity checked',
    });
    expect(reset.lockedUntil).toBeNull();
    await expect(t.signIn('c1', 'clerk.ny01', '97531')).resolves.toMatchObject({ role: 'clerk' });
  });

  it('is for admins only: a store manager is refused', async () => {
    await t.signIn('m', 'manager.ny01', t.secrets.store_manager);
    const refused = await t.call('m', 'users.all', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
