import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../testing';

describe('the admin’s desktops calls without a back office', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = await testBackend({ storeCode: 'NY01' });
    await t.signIn('admin', 'admin', t.secrets.admin);
  });
  afterEach(() => t.close());

  it('says the desktop is not enrolled, and records nothing, for a code or a revocation', async () => {
    const [store] = t.query<{ id: string }>("SELECT id FROM stores WHERE code = 'BO01'");
    const [device] = t.query<{ id: string }>('SELECT id FROM devices WHERE is_local = 1');
    const before = t.fingerprint();
    const code = await t.call('admin', 'devices.enrollmentCode', { storeId: store!.id });
    expect(code).toMatchObject({
      ok: false,
      error: { code: 'BACK_OFFICE_UNREACHABLE', details: { code: 'NOT_ENROLLED' } },
    });
    // This desktop itself is refused before anything is asked of the back office.
    const self = await t.call('admin', 'devices.revoke', {
      deviceId: device!.id,
      reason: 'testing',
    });
    expect(self).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(t.fingerprint()).toBe(before);
    // The list works from local data alone.
    expect(await t.ok('admin', 'devices.list', {})).toEqual([
      expect.objectContaining({ id: device!.id, isThisDesktop: true, storeCode: 'NY01' }),
    ]);
  });
});
