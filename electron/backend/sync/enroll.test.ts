import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../../db/testing/temp-dir';
import type { EnrollRequest } from '../../../shared/sync/protocol';
import { createBackend } from '../backend';
import { testBackend, type TestBackend } from '../testing';
import { CREDENTIALS_FILE, fileCredentialStore } from './credentials';
import { startScriptedBackOffice, type ScriptedBackOffice } from './scripted-back-office';
import { demoStoreId, recentUsOrder, takeReturn } from './testing';

const MANAGER = 'manager-till';
const CLERK = 'clerk-till';
const HOUR = 3_600_000;

describe('enrolling this desktop with the back office', () => {
  let t: TestBackend;
  let office: ScriptedBackOffice;
  afterEach(async () => {
    t?.close();
    await office?.close();
  });

  /** A desktop configured with nothing: enrolment from the Sync screen gives it a back office. */
  const start = async (storeCode = 'NY01') => {
    office = await startScriptedBackOffice({ storeId: demoStoreId(storeCode) });
    t = await testBackend({ sync: { intervalMs: HOUR, debounceMs: HOUR } });
    await t.signIn(MANAGER, 'manager.ny01', t.secrets.store_manager);
    await t.signIn(CLERK, 'clerk.ny01', t.secrets.clerk);
  };
  const localDevice = () =>
    t.query<{ id: string; code: string; store_id: string; name: string }>(
      'SELECT id, code, store_id, name FROM devices WHERE is_local = 1',
    )[0]!;

  it('sends the local device id and letter, adopts the code it is given, keeps the token, and syncs', async () => {
    await start();
    expect((await t.ok(MANAGER, 'sync.status', {})).backOffice).toBe('not_configured');
    const device = localDevice();

    const enrolled = await t.ok(MANAGER, 'sync.enroll', {
      backOfficeUrl: office.url,
      code: 'ENROL-123456',
    });
    expect(enrolled).toMatchObject({ deviceCode: 'B', scope: 'store', storeChanged: false });
    const request = office.requests.find((r) => r.path === '/v1/devices/enroll')!
      .body as EnrollRequest;
    expect(request).toEqual({
      protocolVersion: 1,
      code: 'ENROL-123456',
      deviceId: device.id,
      name: device.name,
      preferredCode: 'A',
    });
    expect(localDevice()).toMatchObject({ id: device.id, code: 'B' });
    const file = join(t.dataDir, CREDENTIALS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await fileCredentialStore(t.dataDir).read()).toEqual({
      deviceId: device.id,
      token: office.token,
      backOfficeUrl: office.url,
    });
    expect(t.query("SELECT entity_id FROM audit_events WHERE action = 'sync.enrolled'")).toEqual([
      { entity_id: device.id },
    ]);
    // Enrolment is no change to send back: the outbox did not grow.
    expect(t.query('SELECT count(*) AS n FROM outbox')).toEqual([{ n: 0 }]);

    const status = await t.ok(MANAGER, 'sync.now', {});
    expect(status).toMatchObject({ backOffice: 'online', backOfficeUrl: office.url });
    expect(office.requests.some((r) => r.path === '/v1/sync/pull')).toBe(true);
    // New RMA numbers carry the letter the back office gave.
    const { returnId } = await takeReturn(t, CLERK, recentUsOrder(t).id);
    expect((await t.ok(CLERK, 'returns.get', { returnId })).rmaNumber).toMatch(/^NY01-B-/);
  });

  it('is for store managers and admins only', async () => {
    await start();
    const result = await t.call(CLERK, 'sync.enroll', {
      backOfficeUrl: office.url,
      code: 'ENROL-123456',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(office.requests).toEqual([]);
  });

  it('lets only an administrator point an enrolled desktop at another back office', async () => {
    await start();
    await t.ok(MANAGER, 'sync.enroll', { backOfficeUrl: office.url, code: 'ENROL-123456' });
    const elsewhere = 'https://elsewhere.example.com';
    expect(
      await t.call(MANAGER, 'sync.enroll', { backOfficeUrl: elsewhere, code: 'ENROL-654321' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The same back office again (a new code after a revocation) is the manager's to do.
    expect(
      await t.call(MANAGER, 'sync.enroll', { backOfficeUrl: office.url, code: 'ENROL-654321' }),
    ).toMatchObject({ ok: true });
    expect(office.requests.filter((r) => r.path === '/v1/devices/enroll')).toHaveLength(2);
  });

  it('says when the code is refused, and stores nothing', async () => {
    await start();
    office.failWith('/v1/devices/enroll', 400, 'ENROLLMENT_CODE_INVALID', 'expired');
    const result = await t.call(MANAGER, 'sync.enroll', {
      backOfficeUrl: office.url,
      code: 'ENROL-000000',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'ENROLLMENT_CODE_INVALID', details: { traceId: expect.any(String) } },
    });
    expect(await fileCredentialStore(t.dataDir).read()).toBeNull();
    expect((await t.ok(MANAGER, 'sync.status', {})).backOffice).toBe('not_configured');
  });

  it('says when the back office cannot be reached', async () => {
    await start();
    await office.close();
    const result = await t.call(MANAGER, 'sync.enroll', {
      backOfficeUrl: office.url,
      code: 'ENROL-123456',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'BACK_OFFICE_UNREACHABLE' } });
  });

  it('refuses to move a desktop that has taken returns to another store', async () => {
    office = await startScriptedBackOffice({ storeId: demoStoreId('BO01') });
    t = await testBackend({ sync: { intervalMs: HOUR, debounceMs: HOUR } });
    await t.signIn(MANAGER, 'manager.ny01', t.secrets.store_manager);
    await t.signIn(CLERK, 'clerk.ny01', t.secrets.clerk);
    await takeReturn(t, CLERK, recentUsOrder(t).id);
    const result = await t.call(MANAGER, 'sync.enroll', {
      backOfficeUrl: office.url,
      code: 'ENROL-123456',
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'ENROLLMENT_STORE_CONFLICT',
        details: { localStoreId: demoStoreId('NY01'), enrollmentStoreId: demoStoreId('BO01') },
      },
    });
    expect(localDevice().store_id).toBe(demoStoreId('NY01'));
    expect(await fileCredentialStore(t.dataDir).read()).toBeNull();
  });

  it('moves a desktop that has taken no returns yet to the store of its code', async () => {
    office = await startScriptedBackOffice({ storeId: demoStoreId('BO01') });
    t = await testBackend({ sync: { intervalMs: HOUR, debounceMs: HOUR } });
    await t.signIn('admin-till', 'admin', t.secrets.admin);
    const enrolled = await t.ok('admin-till', 'sync.enroll', {
      backOfficeUrl: office.url,
      code: 'ENROL-123456',
    });
    expect(enrolled.storeChanged).toBe(true);
    expect(localDevice().store_id).toBe(demoStoreId('BO01'));
    const session = await t.ok('admin-till', 'session.current', {});
    expect(session).toMatchObject({ device: { storeCode: 'BO01' } });
  });

  it('enrols by itself at first start with a configured code (a launcher)', async () => {
    office = await startScriptedBackOffice({ storeId: demoStoreId('NY01') });
    t = await testBackend({
      sync: {
        backOfficeUrl: office.url,
        enrollmentCode: 'ENROL-123456',
        intervalMs: HOUR,
        debounceMs: HOUR,
      },
    });
    await t.signIn(MANAGER, 'manager.ny01', t.secrets.store_manager);
    expect((await t.ok(MANAGER, 'sync.now', {})).backOffice).toBe('online');
    expect(office.requests.filter((r) => r.path === '/v1/devices/enroll')).toHaveLength(1);
    expect(localDevice().code).toBe('B');
  });

  it('does not use a credentials file others may read, and says why', async () => {
    await start();
    await t.ok(MANAGER, 'sync.enroll', { backOfficeUrl: office.url, code: 'ENROL-123456' });
    t.backend.close();
    if (process.platform !== 'win32') chmodSync(join(t.dataDir, CREDENTIALS_FILE), 0o644);
    const before = office.requests.length;
    const reopened = await createBackend({
      dataDir: t.dataDir,
      migrationsDir: MIGRATIONS_DIR,
      log: () => {},
      sync: { intervalMs: HOUR },
    });
    try {
      await reopened.dispatch(MANAGER, 'auth.signIn', {
        username: 'manager.ny01',
        secret: t.secrets.store_manager,
      });
      const answer = await reopened.dispatch(MANAGER, 'sync.now', {});
      expect(answer).toMatchObject({
        ok: true,
        data: { backOffice: 'not_enrolled', lastError: { code: 'CREDENTIALS_INSECURE' } },
      });
      expect(office.requests).toHaveLength(before);
    } finally {
      reopened.close();
    }
  });
});
