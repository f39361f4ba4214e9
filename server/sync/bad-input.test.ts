import { randomBytes, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hlcFormat } from '../../shared/domain/hlc';
import {
  SYNC_MAX_BATCH_BYTES,
  SYNC_MAX_CLOCK_AHEAD_MS,
  SYNC_PATHS,
  type SyncErrorCode,
} from '../../shared/sync/protocol';
import { createReturnRows, demoUser, freshOrder, newReturn } from '../testing/desktop-rows';
import { ENGINES, startTestBackOffice, type TestBackOffice } from '../testing/engines';
import { MUTATION_BOOKKEEPING, fingerprint } from '../testing/fingerprint';
import { enrollTestDevice, post, type Answer, type TestDevice } from '../testing/sync-client';

describe.each(ENGINES)('every bad request at the sync endpoints on %s', (engine) => {
  let bo: TestBackOffice;
  let ny: TestDevice;
  let clerk: string;
  beforeAll(async () => {
    bo = await startTestBackOffice(engine);
    ny = await enrollTestDevice(bo, 'NY01');
    clerk = demoUser('clerk.ny01').id;
  }, 60_000);
  afterAll(() => bo?.stop());

  /** A push with one real return in it, so a refusal that applied anything would show. */
  async function realisticPush() {
    const r = newReturn(ny, await freshOrder(bo, 'US'), clerk);
    return ny.pushBody([ny.mutation('returns.create', createReturnRows(r), { userId: clerk })]);
  }

  /** The answer carries the code and the request id as traceId, the log has both, nothing changed. */
  async function expectRefused(
    send: () => Promise<Answer<unknown>>,
    status: number,
    code: SyncErrorCode,
  ): Promise<void> {
    const before = await fingerprint(bo.db);
    const answer = await send();
    expect(answer.status).toBe(status);
    const body = answer.body as { error: { code: string; traceId: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
    expect(body.error.traceId).toBe(answer.headers['x-request-id']);
    expect(bo.logs.some((l) => l.reqId === body.error.traceId && l.code === code)).toBe(true);
    expect(await fingerprint(bo.db)).toEqual(before);
  }

  it('unauthenticated: no token, a malformed one, an unknown device', async () => {
    const body = await realisticPush();
    await expectRefused(() => post(bo, SYNC_PATHS.push, body), 401, 'UNAUTHENTICATED');
    await expectRefused(
      () => post(bo, SYNC_PATHS.push, body, { token: 'garbage' }),
      401,
      'UNAUTHENTICATED',
    );
    await expectRefused(
      () =>
        post(bo, SYNC_PATHS.pull, body, {
          token: `${randomUUID()}.${randomBytes(32).toString('base64url')}`,
        }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('a revoked device', async () => {
    const stolen = await enrollTestDevice(bo, 'NY01');
    const admin = await enrollTestDevice(bo, 'NY01', { scope: 'chain' });
    const revoked = await post(
      bo,
      SYNC_PATHS.revokeDevice,
      { deviceId: stolen.id, actingUserId: demoUser('admin').id, reason: 'left in a taxi' },
      { token: admin.token },
    );
    expect(revoked.status).toBe(200);
    const r = newReturn(stolen, await freshOrder(bo, 'US'), clerk);
    await expectRefused(
      () =>
        stolen.push([stolen.mutation('returns.create', createReturnRows(r), { userId: clerk })]),
      401,
      'DEVICE_REVOKED',
    );
  });

  it('a mutation for another store is rejected OUT_OF_SCOPE and nothing of it is stored', async () => {
    const boston = await enrollTestDevice(bo, 'BO01');
    const r = newReturn(ny, await freshOrder(bo, 'US'), clerk); // NY01's return…
    const before = await fingerprint(bo.db, MUTATION_BOOKKEEPING);
    const answer = await boston.pushOk([
      boston.mutation('returns.create', createReturnRows(r), { userId: clerk, storeId: null }),
    ]);
    expect(answer.results[0]).toMatchObject({ status: 'rejected', code: 'OUT_OF_SCOPE' });
    expect(answer.lastMutationId).toBe(1);
    expect(await fingerprint(bo.db, MUTATION_BOOKKEEPING)).toEqual(before);
    expect(
      bo.logs.some(
        (l) => l.msg === 'push processed' && JSON.stringify(l.rejected).includes('OUT_OF_SCOPE'),
      ),
    ).toBe(true);
  });

  it('malformed batches: not JSON, the wrong shape, a table that does not travel, another device’s clientId', async () => {
    const body = await realisticPush();
    const send = (payload: unknown) => () =>
      post(bo, SYNC_PATHS.push, payload, { token: ny.token });
    await expectRefused(send('{"protocolVersion": 1,'), 400, 'MALFORMED_BATCH');
    await expectRefused(send({ ...body, mutations: 'all of them' }), 400, 'MALFORMED_BATCH');
    await expectRefused(
      send({
        ...body,
        mutations: [{ ...body.mutations[0], rows: [{ table: 'printJobs', row: {} }] }],
      }),
      400,
      'MALFORMED_BATCH',
    );
    await expectRefused(
      send({ ...body, mutations: [{ ...body.mutations[0], hlc: 'yesterday' }] }),
      400,
      'MALFORMED_BATCH',
    );
    await expectRefused(send({ ...body, protocolVersion: 2 }), 400, 'PROTOCOL_VERSION');
    const other = await enrollTestDevice(bo, 'NY01');
    await expectRefused(send({ ...body, clientId: other.id }), 403, 'FORBIDDEN');
  });

  it('oversized batches and a gzip bomb are TOO_LARGE', async () => {
    const body = await realisticPush();
    const huge = { ...body, padding: 'x'.repeat(SYNC_MAX_BATCH_BYTES) };
    await expectRefused(
      () => post(bo, SYNC_PATHS.push, huge, { token: ny.token }),
      413,
      'TOO_LARGE',
    );
    // 64 MiB of zeros inflating from ~64 KiB: refused while inflating, long before the memory is spent.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(SYNC_MAX_BATCH_BYTES / 10);
    await expectRefused(
      () =>
        post(bo, SYNC_PATHS.push, bomb, {
          token: ny.token,
          headers: { 'content-encoding': 'gzip' },
        }),
      413,
      'TOO_LARGE',
    );
    // A well-formed gzip body is accepted.
    const gz = await post(bo, SYNC_PATHS.push, await realisticPush(), {
      token: ny.token,
      gzip: true,
    });
    expect(gz.status).toBe(200);
  });

  it('a replayed batch id is BATCH_REPLAYED and changes nothing', async () => {
    const body = await realisticPush();
    expect((await post(bo, SYNC_PATHS.push, body, { token: ny.token })).status).toBe(200);
    const replay = { ...body, mutations: [] };
    await expectRefused(
      () => post(bo, SYNC_PATHS.push, replay, { token: ny.token }),
      409,
      'BATCH_REPLAYED',
    );
  });

  it('a clock far in the future is CLOCK_SKEW, in sentAt or in any mutation’s hlc', async () => {
    const body = await realisticPush();
    const ahead = bo.clock.now() + SYNC_MAX_CLOCK_AHEAD_MS + 60_000;
    await expectRefused(
      () =>
        post(
          bo,
          SYNC_PATHS.push,
          { ...body, sentAt: new Date(ahead).toISOString() },
          { token: ny.token },
        ),
      400,
      'CLOCK_SKEW',
    );
    const futureHlc = hlcFormat({ wallMs: ahead, counter: 0, node: ny.id.slice(-12) });
    await expectRefused(
      () =>
        post(
          bo,
          SYNC_PATHS.push,
          { ...body, batchId: randomUUID(), mutations: [{ ...body.mutations[0], hlc: futureHlc }] },
          { token: ny.token },
        ),
      400,
      'CLOCK_SKEW',
    );
    // Within the allowance it is fine (clocks drift a little).
    const near = bo.clock.now() + SYNC_MAX_CLOCK_AHEAD_MS - 60_000;
    const ok = await post(
      bo,
      SYNC_PATHS.push,
      { ...body, batchId: randomUUID(), sentAt: new Date(near).toISOString() },
      { token: ny.token },
    );
    expect(ok.status).toBe(200);
  });
});
