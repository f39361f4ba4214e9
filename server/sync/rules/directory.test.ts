import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings, users } from '../../database/schema';
import { hashUserSecret } from '../../directory/secret-hash';
import { demoStore, demoUser, freshOrder, rows } from '../../testing/desktop-rows';
import { ENGINES, startTestBackOffice, type TestBackOffice } from '../../testing/engines';
import { enrollTestDevice, type TestDevice } from '../../testing/sync-client';

describe.each(ENGINES)('directory changes pushed by desktops on %s', (engine) => {
  let bo: TestBackOffice;
  let adminDesk: TestDevice;
  let ny: TestDevice;
  let boston: TestDevice;
  const admin = demoUser('admin').id;
  beforeAll(async () => {
    bo = await startTestBackOffice(engine);
    adminDesk = await enrollTestDevice(bo, 'NY01', { scope: 'chain' });
    ny = await enrollTestDevice(bo, 'NY01');
    boston = await enrollTestDevice(bo, 'BO01');
  }, 60_000);
  afterAll(() => bo?.stop());

  async function newClerk(storeCode: string) {
    const at = bo.clock.iso();
    return {
      id: uuidv7(),
      username: `clerk2.${storeCode.toLowerCase()}.${Math.floor(Math.random() * 1e6)}`,
      displayName: 'New Clerk',
      role: 'clerk',
      scopeKind: 'store',
      scopeStoreId: demoStore(storeCode).id,
      scopeRegionId: null,
      secretKind: 'pin',
      secretHash: await hashUserSecret('9999'),
      failedAttempts: 2,
      lockedUntil: null,
      language: 'en',
      active: true,
      createdAt: at,
      updatedAt: at,
    };
  }
  const push = async (device: TestDevice, userId: string, changes: ReturnType<typeof rows.of>[]) =>
    (await device.pushOk([device.mutation('directory.change', changes, { userId, storeId: null })]))
      .results[0]!;

  it('an admin adds a clerk; only the devices of that store get them, with no lock state', async () => {
    const clerk = await newClerk('BO01');
    expect(await push(adminDesk, admin, [rows.of('users', clerk)])).toMatchObject({
      status: 'applied',
    });
    const atBoston = (await boston.pullAll()).rows.find((c) => c.row.id === clerk.id);
    expect(atBoston?.row).toMatchObject({
      username: clerk.username,
      failedAttempts: 0,
      lockedUntil: null,
    });
    expect((await ny.pullAll()).rows.some((c) => c.row.id === clerk.id)).toBe(false);
  });

  it('refuses directory changes from anyone but an admin, and beyond the desktop’s reach', async () => {
    expect(
      await push(ny, demoUser('manager.ny01').id, [rows.of('users', await newClerk('NY01'))]),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    // An admin, but at a store's till: the whole chain's regions are beyond it.
    const region = { id: uuidv7(), code: 'XX', name: 'Elsewhere', marketplaces: '["US"]' };
    expect(await push(ny, admin, [rows.of('regions', region)])).toMatchObject({
      code: 'OUT_OF_SCOPE',
    });
    expect(await push(ny, admin, [rows.of('users', await newClerk('BO01'))])).toMatchObject({
      code: 'OUT_OF_SCOPE',
    });
    const wrongScope = { ...(await newClerk('NY01')), role: 'regional_manager' };
    expect(await push(adminDesk, admin, [rows.of('users', wrongScope)])).toMatchObject({
      code: 'INVALID_ROW',
    });
    const plainSecret = { ...(await newClerk('NY01')), secretHash: '1234' };
    expect(await push(adminDesk, admin, [rows.of('users', plainSecret)])).toMatchObject({
      code: 'INVALID_ROW',
    });
  });

  it('a user sent back with only lock state changed is accepted from anyone and changes nothing', async () => {
    const { rows: pulled } = await ny.pullAll();
    const clerk = pulled.find(
      (c) => c.table === 'users' && c.row.id === demoUser('clerk.ny01').id,
    )!.row;
    const locked = {
      ...clerk,
      failedAttempts: 5,
      lockedUntil: bo.clock.iso(15 * 60_000),
      updatedAt: bo.clock.iso(),
    };
    expect(await push(ny, demoUser('manager.ny01').id, [rows.of('users', locked)])).toMatchObject({
      status: 'applied',
    });
    const [stored] = await bo.db
      .select()
      .from(users)
      .where(eq(users.id, clerk.id as string));
    expect(stored!.updatedAt).toBe(clerk.updatedAt);
  });

  it('store settings: its manager may, another store’s may not; chain settings need an admin', async () => {
    const setting = (scope: string, value = '10') => ({
      scope,
      key: 'idleLockMinutes',
      value,
      updatedAt: bo.clock.iso(),
      updatedBy: null,
    });
    const nyStore = demoStore('NY01').id;
    expect(
      await push(ny, demoUser('manager.ny01').id, [rows.of('settings', setting(nyStore))]),
    ).toMatchObject({
      status: 'applied',
    });
    expect(
      await push(boston, demoUser('manager.bo01').id, [rows.of('settings', setting(nyStore, '1'))]),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      await push(ny, demoUser('manager.ny01').id, [rows.of('settings', setting('chain'))]),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await push(adminDesk, admin, [rows.of('settings', setting('chain'))])).toMatchObject({
      status: 'applied',
    });
    const stored = await bo.db.select().from(settings).where(eq(settings.key, 'idleLockMinutes'));
    expect(stored.map((s) => s.scope).sort()).toEqual(['chain', nyStore].sort());
    expect(
      (await boston.pullAll()).rows.filter((c) => c.table === 'settings').map((c) => c.row.scope),
    ).toEqual(['chain']);
  });

  it('devices: made by enrollment, renamed by an admin, echoed by themselves harmlessly', async () => {
    const { rows: pulled } = await ny.pullAll();
    const own = pulled.find((c) => c.table === 'devices' && c.row.id === ny.id)!.row;
    const echo = { ...own, isLocal: true, enrolledAt: bo.clock.iso(-86_400_000) };
    expect(await push(ny, demoUser('clerk.ny01').id, [rows.of('devices', echo)])).toMatchObject({
      status: 'applied',
    });
    const renamed = { ...own, name: 'Till by the door' };
    expect(
      await push(ny, demoUser('manager.ny01').id, [rows.of('devices', renamed)]),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await push(adminDesk, admin, [rows.of('devices', renamed)])).toMatchObject({
      status: 'applied',
    });
    expect((await boston.pullAll()).rows.some((c) => c.row.id === ny.id)).toBe(false);
    expect((await ny.pullAll()).rows.filter((c) => c.row.id === ny.id).at(-1)?.row.name).toBe(
      'Till by the door',
    );
    expect(
      await push(adminDesk, admin, [rows.of('devices', { ...own, code: 'ZZ' })]),
    ).toMatchObject({
      code: 'IMMUTABLE',
    });
    expect(
      await push(adminDesk, admin, [rows.of('devices', { ...own, id: uuidv7() })]),
    ).toMatchObject({
      code: 'UNKNOWN_REFERENCE',
    });
  });

  it('orders come from Amazon through the back office, never from a desktop', async () => {
    const { order } = await freshOrder(bo, 'US');
    expect(
      await push(adminDesk, admin, [rows.of('orders', { ...order, buyerName: 'Someone Else' })]),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
