import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PATHS, type AmazonAccountStatus } from '../../shared/sync/protocol';
import { amazonCredentials } from '../database/schema';
import { demoUser } from '../testing/desktop-rows';
import { ENGINES, startTestBackOffice, type TestBackOffice } from '../testing/engines';
import { enrollTestDevice, post, type TestDevice } from '../testing/sync-client';
import { queryRows } from '../database/client';
import { sql } from 'drizzle-orm';
import { loadSecretKey, open, readSellerAccount, seal, SECRET_KEY_FILE } from './credentials';

const SECRET = 'amzn1.oa2-cs.v1.THE-CLIENT-SECRET-never-shown';
const REFRESH = 'Atzr|THE-REFRESH-TOKEN-never-shown-0123456789';
const CLIENT_ID = 'amzn1.application-oa2-client.0123456789abcdef9xyz';

describe.each(ENGINES)('seller account settings on %s', (engine) => {
  let bo: TestBackOffice;
  let desk: TestDevice;
  beforeAll(async () => {
    bo = await startTestBackOffice(engine);
    desk = await enrollTestDevice(bo, 'NY01', { scope: 'chain' });
  }, 60_000);
  afterAll(() => bo?.stop());

  const set = (actingUserId: string) =>
    post<AmazonAccountStatus>(
      bo,
      SYNC_PATHS.setAmazonAccount,
      {
        actingUserId,
        clientId: CLIENT_ID,
        clientSecret: SECRET,
        refreshToken: REFRESH,
        sellerId: 'A2SELLER123',
      },
      { token: desk.token },
    );

  it('an admin sets them; they are stored sealed and answered only as "connected · amzn1…9xyz · refresh token set"', async () => {
    const before = await post<AmazonAccountStatus>(
      bo,
      SYNC_PATHS.amazonAccount,
      { actingUserId: demoUser('admin').id },
      { token: desk.token },
    );
    expect(before.body).toMatchObject({ connected: false, refreshTokenSet: false });

    const answer = await set(demoUser('admin').id);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      connected: true,
      clientIdHint: 'amzn1…9xyz',
      refreshTokenSet: true,
      sellerId: 'A2SELLER123',
    });
    const read = await post<AmazonAccountStatus>(
      bo,
      SYNC_PATHS.amazonAccount,
      { actingUserId: demoUser('admin').id },
      { token: desk.token },
    );
    for (const text of [JSON.stringify(answer.body), JSON.stringify(read.body)]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(REFRESH);
      expect(text).not.toContain(CLIENT_ID);
    }
    // At rest: sealed, not in clear anywhere in the row.
    const [row] = await bo.db.select().from(amazonCredentials);
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(JSON.stringify(row)).not.toContain(REFRESH);
    // The back office's own client can read them back with its key.
    const key = loadSecretKey(bo.dataDir, {});
    expect(await readSellerAccount(bo.db, key)).toMatchObject({
      clientSecret: SECRET,
      refreshToken: REFRESH,
    });
    // Nothing of them travels to any desktop.
    const pulled = await desk.pullAll();
    const everything = JSON.stringify(pulled);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(REFRESH);
    const published = await queryRows<{ n: number }>(
      bo.db,
      sql`select count(*)::int as n from sync_rows where data::text like ${'%THE-CLIENT-SECRET%'} or data::text like ${'%THE-REFRESH-TOKEN%'}`,
    );
    expect(published[0]!.n).toBe(0);
    // Nor into the logs.
    expect(JSON.stringify(bo.logs)).not.toContain(SECRET);
  });

  it('refuses anyone but an active chain admin, and an unauthenticated caller', async () => {
    const byManager = await set(demoUser('manager.ny01').id);
    expect(byManager.status).toBe(403);
    expect(byManager.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const readByClerk = await post(
      bo,
      SYNC_PATHS.amazonAccount,
      { actingUserId: demoUser('manager.ny01').id },
      { token: desk.token },
    );
    expect(readByClerk.status).toBe(403);
    const anonymous = await post(bo, SYNC_PATHS.setAmazonAccount, {
      actingUserId: demoUser('admin').id,
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      refreshToken: REFRESH,
      sellerId: 'X1',
    });
    expect(anonymous.status).toBe(401);
  });
});

describe('the server key', () => {
  it('is made once as a 0600 file in the data dir; sealing is AES-256-GCM (tampering detected)', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'rd-key-'));
    const key = loadSecretKey(dir, {});
    expect(statSync(join(dir, SECRET_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadSecretKey(dir, {}).equals(key)).toBe(true);
    const box = seal(key, 'hello');
    expect(open(key, box)).toBe('hello');
    const bad = Buffer.from(box, 'base64');
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 1, bad.length - 1);
    expect(() => open(key, bad.toString('base64'))).toThrow();
    const fromEnv = loadSecretKey(dir, { RETURNDESK_SERVER_SECRET_KEY: 'ab'.repeat(32) });
    expect(fromEnv.toString('hex')).toBe('ab'.repeat(32));
  });
});
