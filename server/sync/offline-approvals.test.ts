import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvalResponse,
  deriveStoreKey,
  makeChallenge,
  responsePartA,
  responsePartB,
  signApproval,
  splitResponse,
} from '../../shared/domain/approvals/offline-code';
import type { Currency } from '../../shared/domain/money';
import { SYNC_PATHS, type RowChange } from '../../shared/sync/protocol';
import { approvals, refundRequests } from '../database/schema';
import { executableRefundRequests } from '../refunds/executable';
import {
  createReturnRows,
  decide,
  demoUser,
  freshOrder,
  newReturn,
  refundFor,
  refundRows,
  type NewRefund,
} from '../testing/desktop-rows';
import { ENGINES, startTestBackOffice, type TestBackOffice } from '../testing/engines';
import { enrollTestDevice, post, type TestDevice } from '../testing/sync-client';

const rowsOf = (rows: RowChange[], table: string) =>
  rows.filter((c) => c.table === table && !c.deleted).map((c) => c.row);

describe.each(ENGINES)('offline approval codes at the back office on %s', (engine) => {
  let bo: TestBackOffice;
  let ny: TestDevice;
  let naLaptop: TestDevice;
  let euLaptop: TestDevice;
  let hq: TestDevice;
  const clerk = demoUser('clerk.ny01').id;
  const rmNa = demoUser('rm.na').id;
  const admin = demoUser('admin').id;
  /** rm.na's secret as their laptop pulled it. */
  let secret: { id: string; secret: Uint8Array; signingSecret: Uint8Array };

  beforeAll(async () => {
    bo = await startTestBackOffice(engine);
    ny = await enrollTestDevice(bo, 'NY01');
    naLaptop = await enrollTestDevice(bo, 'CH01', { scope: 'region' });
    euLaptop = await enrollTestDevice(bo, 'BE01', { scope: 'region' });
    hq = await enrollTestDevice(bo, 'NY01', { scope: 'chain' });
    const { rows } = await naLaptop.pullAll();
    const row = rowsOf(rows, 'managerKeySecrets').find((r) => r.userId === rmNa)!;
    secret = {
      id: row.id as string,
      secret: Buffer.from(row.secret as string, 'base64'),
      signingSecret: Buffer.from(row.signingSecret as string, 'base64'),
    };
  }, 60_000);
  afterAll(() => bo?.stop());

  it('scopes the keys: public halves to the region, store keys to their store, secrets to managers’ devices only', async () => {
    const store = (await ny.pullAll()).rows;
    expect(rowsOf(store, 'managerKeySecrets')).toEqual([]);
    expect(new Set(rowsOf(store, 'managerStoreKeys').map((r) => r.storeId))).toEqual(
      new Set([ny.storeId]),
    );
    expect(rowsOf(store, 'managerKeys').map((r) => r.userId)).toEqual([rmNa]);
    // The store key it holds is HMAC(manager key, store): it checks part A, nothing more.
    const storeKey = rowsOf(store, 'managerStoreKeys').find((r) => r.managerKeyId === secret.id)!;
    expect(storeKey.storeKey).toBe(
      Buffer.from(deriveStoreKey(secret.secret, ny.storeId)).toString('base64'),
    );

    const laptop = (await naLaptop.pullAll()).rows;
    expect(rowsOf(laptop, 'managerKeySecrets').map((r) => r.userId)).toEqual([rmNa]);
    const eu = (await euLaptop.pullAll()).rows;
    expect(rowsOf(eu, 'managerKeySecrets').map((r) => r.userId)).toEqual([demoUser('rm.eu').id]);
    const chain = (await hq.pullAll()).rows;
    expect(rowsOf(chain, 'managerKeySecrets')).toHaveLength(3);
  });

  async function pendingRequest(): Promise<NewRefund> {
    const order = await freshOrder(bo, 'US');
    const r = newReturn(ny, order, clerk);
    await ny.pushOk([ny.mutation('returns.create', createReturnRows(r), { userId: clerk })]);
    const refund = refundFor(r, order, clerk, bo.clock.iso());
    const answer = await ny.pushOk([
      ny.mutation('refunds.request', refundRows(refund), { userId: clerk }),
    ]);
    expect(answer.results[0]!.status).toBe('applied');
    return refund;
  }

  function offlineApproval(
    refund: NewRefund,
    proof: (terms: {
      challenge: string;
      amountMinor: number;
      currency: Currency;
    }) => Record<string, unknown>,
    options: { nonce?: string; decidedAt?: string } = {},
  ) {
    const challenge = makeChallenge(
      { requestDigest: refund.request.digest, storeId: ny.storeId },
      options.nonce ?? '424242',
    );
    const terms = {
      challenge,
      amountMinor: refund.request.totalMinor,
      currency: refund.request.currency as Currency,
    };
    const d = decide(
      refund,
      ny,
      'approved',
      rmNa,
      options.decidedAt ?? bo.clock.iso(),
      'offline_code',
    );
    const approval = {
      ...d.approval,
      offlineProof: JSON.stringify({ ...terms, keyId: secret.id, ...proof(terms) }),
      confirmedAt: null,
    };
    const rows: RowChange[] = [d.rows[0]!, { table: 'approvals', row: approval }];
    return { approval, rows, terms };
  }

  const pushApproval = async (rows: RowChange[]) =>
    (await ny.pushOk([ny.mutation('approvals.offlineEnter', rows, { userId: clerk })])).results[0]!;

  const statusOf = async (id: string) =>
    (await bo.db.select().from(refundRequests).where(eq(refundRequests.id, id)))[0]?.status;

  it('confirms an approval whose part B checks out: the row it serves has confirmed_at, executable once', async () => {
    const refund = await pendingRequest();
    const { approval, rows } = offlineApproval(refund, (terms) => ({
      partB: splitResponse(approvalResponse(secret.secret, ny.storeId, terms))!.partB,
    }));
    const { cookie } = await ny.pullAll();
    expect(await pushApproval(rows)).toMatchObject({ status: 'applied' });
    expect(await statusOf(refund.request.id)).toBe('approved');
    const [stored] = await bo.db.select().from(approvals).where(eq(approvals.id, approval.id));
    expect(stored!.method).toBe('offline_code');
    expect(stored!.confirmedAt).toBeInstanceOf(Date);
    const pulled = rowsOf((await ny.pullAll(cookie)).rows, 'approvals').find(
      (r) => r.id === approval.id,
    );
    expect(pulled?.confirmedAt).toBe(stored!.confirmedAt!.toISOString());
    expect(
      (await executableRefundRequests(bo.db)).filter((r) => r.id === refund.request.id),
    ).toEqual([expect.objectContaining({ approvalId: approval.id, method: 'offline_code' })]);
    // The store pushing the same decision again (its answer was lost) changes nothing.
    expect(await pushApproval(rows)).toMatchObject({ status: 'applied' });
    expect(
      (await executableRefundRequests(bo.db)).filter((r) => r.id === refund.request.id),
    ).toHaveLength(1);
  });

  it('accepts a signed (QR) approval instead of a typed part B', async () => {
    const refund = await pendingRequest();
    const decidedAt = bo.clock.iso();
    const { rows } = offlineApproval(
      refund,
      (terms) => ({
        token: signApproval(secret.signingSecret, {
          requestDigest: refund.request.digest,
          storeId: ny.storeId,
          ...terms,
          managerId: rmNa,
          keyId: secret.id,
          decidedAt,
        }),
      }),
      { decidedAt },
    );
    expect(await pushApproval(rows)).toMatchObject({ status: 'applied' });
  });

  it('refuses a part B the store made with its own key, another amount, another request’s challenge: each its code, the request stays pending and nothing is executable', async () => {
    const refund = await pendingRequest();
    const storeKey = deriveStoreKey(secret.secret, ny.storeId);
    const storeMade = offlineApproval(refund, (terms) => ({
      partB: responsePartB(storeKey, terms),
    }));
    expect(await pushApproval(storeMade.rows)).toMatchObject({
      status: 'rejected',
      code: 'OFFLINE_CODE_INVALID',
    });
    const partAAsB = offlineApproval(refund, (terms) => ({
      partB: responsePartA(storeKey, terms),
    }));
    expect(await pushApproval(partAAsB.rows)).toMatchObject({ code: 'OFFLINE_CODE_INVALID' });

    const lower = refund.request.totalMinor - 100;
    const otherAmount = offlineApproval(refund, (terms) => ({
      amountMinor: lower,
      partB: responsePartB(secret.secret, { ...terms, amountMinor: lower }),
    }));
    expect(await pushApproval(otherAmount.rows)).toMatchObject({
      code: 'OFFLINE_CODE_WRONG_AMOUNT',
    });

    const other = await pendingRequest();
    const otherChallenge = makeChallenge(
      { requestDigest: other.request.digest, storeId: ny.storeId },
      '111111',
    );
    const borrowed = offlineApproval(refund, (terms) => ({
      challenge: otherChallenge,
      partB: responsePartB(secret.secret, { ...terms, challenge: otherChallenge }),
    }));
    expect(await pushApproval(borrowed.rows)).toMatchObject({ code: 'OFFLINE_CODE_INVALID' });

    const tokenForOther = offlineApproval(refund, (terms) => ({
      token: signApproval(secret.signingSecret, {
        requestDigest: refund.request.digest,
        storeId: ny.storeId,
        ...terms,
        amountMinor: 1,
        managerId: rmNa,
        keyId: secret.id,
        decidedAt: bo.clock.iso(),
      }),
    }));
    expect(await pushApproval(tokenForOther.rows)).toMatchObject({ code: 'OFFLINE_CODE_INVALID' });

    const noProof = offlineApproval(refund, () => ({}));
    expect(await pushApproval(noProof.rows)).toMatchObject({ code: 'OFFLINE_CODE_INVALID' });

    expect(await statusOf(refund.request.id)).toBe('pending_approval');
    expect(
      (await executableRefundRequests(bo.db)).filter((r) => r.id === refund.request.id),
    ).toEqual([]);
  });

  it('an admin rotates a manager’s key: the old one is revoked (codes decided after it refused), its secret withdrawn', async () => {
    const before = await pendingRequest();
    const late = await pendingRequest();
    const decidedBefore = bo.clock.iso();
    const oldSecret = secret;
    const { cookie } = await naLaptop.pullAll();

    const refused = await post(
      bo,
      SYNC_PATHS.rotateManagerKey,
      { managerId: rmNa, actingUserId: clerk },
      { token: hq.token },
    );
    expect(refused.status).toBe(403);
    bo.clock.advance(1000);
    const rotated = await post<{ keyId: string; revokedKeyId: string }>(
      bo,
      SYNC_PATHS.rotateManagerKey,
      { managerId: rmNa, actingUserId: admin },
      { token: hq.token },
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.revokedKeyId).toBe(oldSecret.id);

    const pulled = await naLaptop.pullAll(cookie);
    expect(pulled.rows).toContainEqual({
      table: 'managerKeySecrets',
      row: { id: oldSecret.id },
      deleted: true,
    });
    const fresh = rowsOf(pulled.rows, 'managerKeySecrets').find((r) => r.userId === rmNa)!;
    expect(fresh.id).toBe(rotated.body.keyId);
    expect(rowsOf(pulled.rows, 'managerKeys').find((r) => r.id === oldSecret.id)?.revokedAt).toBe(
      bo.clock.iso(),
    );
    const storeSide = (await ny.pullAll()).rows;
    expect(
      rowsOf(storeSide, 'managerStoreKeys').filter((r) => r.managerKeyId === rotated.body.keyId),
    ).toHaveLength(1);

    // A code of the old key, decided after the revocation: refused.
    bo.clock.advance(1000);
    const afterRevocation = offlineApproval(late, (terms) => ({
      partB: responsePartB(oldSecret.secret, terms),
    }));
    expect(await pushApproval(afterRevocation.rows)).toMatchObject({
      code: 'MANAGER_KEY_REVOKED',
    });
    // One decided offline before the revocation still stands when it arrives.
    const earlier = offlineApproval(
      before,
      (terms) => ({ partB: responsePartB(oldSecret.secret, terms) }),
      { decidedAt: decidedBefore },
    );
    expect(await pushApproval(earlier.rows)).toMatchObject({ status: 'applied' });

    // Revoking without a new key: the region's laptop loses the secret.
    const revoked = await post<{ revokedKeyIds: string[] }>(
      bo,
      SYNC_PATHS.revokeManagerKey,
      { managerId: rmNa, actingUserId: admin, reason: 'laptop lost' },
      { token: hq.token },
    );
    expect(revoked.body.revokedKeyIds).toEqual([rotated.body.keyId]);
    const after = await naLaptop.pullAll(pulled.cookie);
    expect(after.rows).toContainEqual({
      table: 'managerKeySecrets',
      row: { id: rotated.body.keyId },
      deleted: true,
    });
    // An admin of the chain may not hand keys to someone who is no regional manager.
    const notManager = await post(
      bo,
      SYNC_PATHS.rotateManagerKey,
      { managerId: clerk, actingUserId: admin },
      { token: hq.token },
    );
    expect(notManager.status).toBe(403);
  });
});
