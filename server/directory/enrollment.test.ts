import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PATHS, SYNC_PROTOCOL_VERSION, type EnrollResponse } from '../../shared/sync/protocol';
import { ENGINES, startTestBackOffice, type TestBackOffice } from '../testing/engines';
import { demoStore, demoUser } from '../testing/desktop-rows';
import { enrollTestDevice, issueEnrollmentCode, post } from '../testing/sync-client';

describe.each(ENGINES)('enrollment and revocation on %s', (engine) => {
  let bo: TestBackOffice;
  beforeAll(async () => {
    bo = await startTestBackOffice(engine);
  }, 60_000);
  afterAll(() => bo?.stop());

  const enroll = (code: string, preferredCode?: string) =>
    post<EnrollResponse>(bo, SYNC_PATHS.enroll, {
      protocolVersion: SYNC_PROTOCOL_VERSION,
      code,
      deviceId: uuidv7(),
      name: 'Till',
      ...(preferredCode ? { preferredCode } : {}),
    });

  it('trades a one-time code for a token once; the code is refused the second time', async () => {
    const code = await issueEnrollmentCode(bo, 'BO01');
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const first = await enroll(code.toLowerCase().replace(/-/g, ' '));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ storeId: demoStore('BO01').id, scope: 'store' });
    expect(first.body.token.startsWith(`${first.body.deviceId}.`)).toBe(true);

    const again = await enroll(code);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: { code: 'ENROLLMENT_CODE_INVALID' } });
    expect((again.body as unknown as { error: { traceId: string } }).error.traceId).toBe(
      again.headers['x-request-id'],
    );
  });

  it('refuses an expired code', async () => {
    const code = await issueEnrollmentCode(bo, 'BO01', 'store', 5);
    bo.clock.advance(5 * 60_000 + 1);
    const late = await enroll(code);
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({ error: { code: 'ENROLLMENT_CODE_INVALID' } });
  });

  it('gives each device of a store its own code: the preferred one when free, else the next', async () => {
    const a = await enroll(await issueEnrollmentCode(bo, 'SE01'), 'C');
    const b = await enroll(await issueEnrollmentCode(bo, 'SE01'), 'C');
    const c = await enroll(await issueEnrollmentCode(bo, 'SE01'));
    expect([a.body.deviceCode, b.body.deviceCode, c.body.deviceCode]).toEqual(['C', 'A', 'B']);
    // Another store may use the same letter.
    const other = await enroll(await issueEnrollmentCode(bo, 'CH01'), 'C');
    expect(other.body.deviceCode).toBe('C');
  });

  it('lets an admin desktop ask for a code, and refuses anyone else', async () => {
    const adminDesk = await enrollTestDevice(bo, 'NY01', { scope: 'chain' });
    const ask = (actingUserId: string, token = adminDesk.token) =>
      post<{ code: string; expiresAt: string }>(
        bo,
        SYNC_PATHS.enrollmentCodes,
        { storeId: demoStore('MU01').id, scope: 'region', actingUserId },
        { token },
      );
    const issued = await ask(demoUser('admin').id);
    expect(issued.status).toBe(200);
    const enrolled = await enroll(issued.body.code);
    expect(enrolled.body).toMatchObject({ storeId: demoStore('MU01').id, scope: 'region' });

    const byManager = await ask(demoUser('manager.ny01').id);
    expect(byManager.status).toBe(403);
    expect(byManager.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const unauthenticated = await post(bo, SYNC_PATHS.enrollmentCodes, {
      storeId: demoStore('MU01').id,
      actingUserId: demoUser('admin').id,
    });
    expect(unauthenticated.status).toBe(401);
    // A store's own till does not reach another store, even with the admin's name on it.
    const till = await enrollTestDevice(bo, 'NY01');
    expect((await ask(demoUser('admin').id, till.token)).status).toBe(403);
  });

  it('revocation stops the device at once', async () => {
    const adminDesk = await enrollTestDevice(bo, 'NY01', { scope: 'chain' });
    const till = await enrollTestDevice(bo, 'BO01');
    expect((await till.pull(null)).status).toBe(200);
    const revoke = await post(
      bo,
      SYNC_PATHS.revokeDevice,
      { deviceId: till.id, actingUserId: demoUser('admin').id, reason: 'stolen' },
      { token: adminDesk.token },
    );
    expect(revoke.status).toBe(200);
    const refused = await till.pull(null);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('DEVICE_REVOKED');
    expect((await till.push([])).body.error.code).toBe('DEVICE_REVOKED');
    // A wrong secret for the same device is just unauthenticated: revocation is told only to the device.
    const forged = await post(bo, SYNC_PATHS.pull, {}, { token: `${till.id}.not-the-secret` });
    expect(forged.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });

    // With a new code it comes back, same letter, new token; the old token stays dead.
    const back = await post<EnrollResponse>(bo, SYNC_PATHS.enroll, {
      protocolVersion: SYNC_PROTOCOL_VERSION,
      code: await issueEnrollmentCode(bo, 'BO01'),
      deviceId: till.id,
      name: 'Till again',
    });
    expect(back.body).toMatchObject({ deviceId: till.id, deviceCode: till.enrolled.deviceCode });
    expect(back.body.token).not.toBe(till.token);
    expect((await till.pull(null)).body.error.code).toBe('UNAUTHENTICATED');
  });

  it('does not hand an enrolled device, or a device of another store, to whoever has a code', async () => {
    const adminDesk = await enrollTestDevice(bo, 'NY01', { scope: 'chain' });
    const till = await enrollTestDevice(bo, 'BO01');
    const takeover = async (storeCode: string) =>
      post(bo, SYNC_PATHS.enroll, {
        protocolVersion: SYNC_PROTOCOL_VERSION,
        code: await issueEnrollmentCode(bo, storeCode),
        deviceId: till.id,
        name: 'Not the till',
      });
    expect((await takeover('BO01')).body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await till.pull(null)).status).toBe(200);
    await post(
      bo,
      SYNC_PATHS.revokeDevice,
      { deviceId: till.id, actingUserId: demoUser('admin').id, reason: 'moving' },
      { token: adminDesk.token },
    );
    expect((await takeover('CH01')).body).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});
