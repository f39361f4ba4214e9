import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wrapClient, type Db } from '../../../db/client';
import { upsertSyncedRow } from '../../../db/repositories/sync-apply';
import {
  approvalResponse,
  deriveStoreKey,
  newSigningKeyPair,
  normalizeDigits,
  signApproval,
} from '../../../shared/domain/approvals/offline-code';
import { MAX_FAILURES_PER_WINDOW } from '../../../shared/domain/approvals/attempt-guard';
import type { PushRequest } from '../../../shared/sync/protocol';
import { DATABASE_FILE } from '../backend';
import { applyPushResponse } from '../sync/push';
import { testBackend, type TestBackend } from '../testing';

/**
 * Issue #7 at the desktop, on the real backend and SQLite file: the till's challenge, the
 * manager's code, and every forgery and replay refused with its own code while the request
 * stays waiting.
 */
describe('offline approval by code', () => {
  let t: TestBackend;
  let db: Db;
  const CLERK = 'till';
  const MANAGER = 'manager-laptop';
  const managerKey = randomBytes(32);
  const signing = newSigningKeyPair();
  const keyId = randomUUID();
  const storeKeyIds = [randomUUID(), randomUUID()];
  let rmNa: string;
  let nyId: string;
  let chId: string;

  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  const one = <T>(sql: string, ...params: unknown[]) => t.query<T>(sql, ...params)[0]!;

  /** rm.na's key as the back office hands it out: public half, store keys, secrets. */
  function pullKeys(options: { secrets?: boolean; revokedAt?: string | null } = {}) {
    db.$client.transaction(() => {
      upsertSyncedRow(db, 'managerKeys', {
        id: keyId,
        userId: rmNa,
        version: 1,
        publicKey: b64(signing.publicKey),
        createdAt: '2026-11-01T00:00:00.000Z',
        revokedAt: options.revokedAt ?? null,
      });
      for (const storeId of [nyId, chId]) {
        upsertSyncedRow(db, 'managerStoreKeys', {
          id: storeKeyIds[storeId === nyId ? 0 : 1]!,
          managerKeyId: keyId,
          storeId,
          storeKey: b64(deriveStoreKey(managerKey, storeId)),
        });
      }
      if (options.secrets !== false) {
        upsertSyncedRow(db, 'managerKeySecrets', {
          id: keyId,
          userId: rmNa,
          secret: b64(managerKey),
          signingSecret: b64(signing.secretKey),
        });
      }
    })();
  }

  beforeEach(async () => {
    t = await testBackend({ storeCode: 'NY01' });
    db = wrapClient(new Database(join(t.dataDir, DATABASE_FILE)));
    rmNa = one<{ id: string }>("SELECT id FROM users WHERE username = 'rm.na'").id;
    nyId = one<{ id: string }>("SELECT id FROM stores WHERE code = 'NY01'").id;
    chId = one<{ id: string }>("SELECT id FROM stores WHERE code = 'CH01'").id;
    await t.signIn(CLERK, 'clerk.ny01', t.secrets.clerk);
    await t.signIn(MANAGER, 'rm.na', t.secrets.regional_manager);
  });
  afterEach(() => {
    db.$client.close();
    t.close();
  });

  /** A request waiting for a manager: one unit of a line priced 150–450 USD. */
  async function pendingRequest() {
    const line = t.query<{ orderId: string; lineId: string }>(
      `SELECT o.id AS orderId, l.id AS lineId FROM orders o JOIN order_lines l ON l.order_id = o.id
        WHERE o.marketplace = 'US' AND o.status = 'Delivered' AND o.delivered_at >= '2026-11-05'
          AND l.unit_price_minor BETWEEN 15000 AND 45000
          AND l.category NOT IN ('software', 'books_media')
          AND NOT EXISTS (SELECT 1 FROM return_lines r WHERE r.order_line_id = l.id)
        ORDER BY o.purchased_at DESC LIMIT 1`,
    )[0];
    if (!line) throw new Error('no demo order line between 150 and 450 USD');
    const created = await t.ok(CLERK, 'returns.create', {
      id: randomUUID(),
      orderId: line.orderId,
      lines: [
        {
          id: randomUUID(),
          orderLineId: line.lineId,
          quantity: 1,
          reasonCode: 'DEFECTIVE',
          opened: false,
          damaged: false,
          missingParts: false,
        },
      ],
    });
    const request = await t.ok(CLERK, 'refunds.request', {
      id: randomUUID(),
      returnId: created.returnId,
    });
    expect(request.status).toBe('pending_approval');
    return request;
  }

  const stillWaiting = (requestId: string) => {
    expect(
      one<{ status: string }>('SELECT status FROM refund_requests WHERE id = ?', requestId),
    ).toEqual({ status: 'pending_approval' });
    expect(t.query('SELECT id FROM approvals WHERE refund_request_id = ?', requestId)).toEqual([]);
  };

  /** Time passes at the till; the clerk unlocks it again when it locked itself. */
  const advance = async (ms: number) => {
    t.clock.now += ms;
    await t.call(CLERK, 'auth.unlock', { secret: t.secrets.clerk });
  };

  const enter = (challengeId: string, response: string) =>
    t.call(CLERK, 'approvals.offlineEnter', { challengeId, response });

  const codeFor = (storeId: string, challenge: string, amountMinor: number) =>
    approvalResponse(managerKey, storeId, { challenge, amountMinor, currency: 'USD' });

  it('the manager’s code approves the request offline, unconfirmed; the same code again is refused as used', async () => {
    pullKeys();
    const request = await pendingRequest();
    const challenge = await t.ok(CLERK, 'approvals.offlineChallenge', {
      refundRequestId: request.id,
    });
    expect(challenge.challenge).toMatch(/^\d{6} \d{6}$/);
    expect(challenge.amount).toEqual({
      amountMinor: request.amount.totalMinor,
      currency: 'USD',
    });
    expect(Date.parse(challenge.expiresAt) - t.clock.now).toBe(15 * 60 * 1000);

    // The manager types the challenge (as read out) and the amount on their own desktop.
    const answer = await t.ok(MANAGER, 'approvals.offlineRespond', {
      challenge: challenge.challenge,
      amountMinor: request.amount.totalMinor,
      currency: 'USD',
      storeId: nyId,
    });
    expect(answer.response).toMatch(/^\d{6}-\d{2}-\d{6}$/);
    expect(answer.request).toMatchObject({ id: request.id, rmaNumber: request.rmaNumber });

    const approved = await t.ok(CLERK, 'approvals.offlineEnter', {
      challengeId: challenge.challengeId,
      response: answer.response.replace(/-/g, ' '),
    });
    expect(approved).toMatchObject({
      status: 'approved',
      approval: { method: 'offline_code', decision: 'approved', confirmedAt: null },
    });
    const approval = one<{ decided_by: string; offline_proof: string; confirmed_at: null }>(
      'SELECT decided_by, offline_proof, confirmed_at FROM approvals WHERE refund_request_id = ?',
      request.id,
    );
    expect(approval.decided_by).toBe(rmNa);
    expect(JSON.parse(approval.offline_proof)).toEqual({
      challenge: normalizeDigits(challenge.challenge),
      amountMinor: request.amount.totalMinor,
      currency: 'USD',
      keyId,
      partB: normalizeDigits(answer.response).slice(8),
    });
    // One change: the approval and the request travel to the back office together.
    const [mutation] = t.query<{ name: string; rows: string }>(
      "SELECT name, rows FROM outbox WHERE name = 'approvals.offlineEnter'",
    );
    expect(
      JSON.parse(mutation!.rows)
        .map((r: { table: string }) => r.table)
        .sort(),
    ).toEqual(['approvals', 'refundRequests']);

    expect(await enter(challenge.challengeId, answer.response)).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE_CODE_USED' },
    });
  });

  it('accepts the manager’s signed approval (QR) instead of the typed code', async () => {
    pullKeys();
    const request = await pendingRequest();
    const challenge = await t.ok(CLERK, 'approvals.offlineChallenge', {
      refundRequestId: request.id,
    });
    const answer = await t.ok(MANAGER, 'approvals.offlineRespond', {
      challenge: challenge.challenge,
      amountMinor: request.amount.totalMinor,
      currency: 'USD',
      storeId: nyId,
    });
    expect(
      await t.ok(CLERK, 'approvals.offlineEnter', {
        challengeId: challenge.challengeId,
        response: answer.token,
      }),
    ).toMatchObject({ status: 'approved', approval: { method: 'offline_code' } });
    expect(
      JSON.parse(
        one<{ p: string }>(
          'SELECT offline_proof AS p FROM approvals WHERE refund_request_id = ?',
          request.id,
        ).p,
      ),
    ).toMatchObject({ keyId, token: answer.token });
  });

  it('refuses forgeries and replays, each with its own code, and the request keeps waiting', async () => {
    pullKeys();
    const request = await pendingRequest();
    const amount = request.amount.totalMinor;
    const ask = () => t.ok(CLERK, 'approvals.offlineChallenge', { refundRequestId: request.id });

    // Part A computed with another store's key.
    let c = await ask();
    expect(await enter(c.challengeId, codeFor(chId, c.challenge, amount))).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE_CODE_INVALID' },
    });
    // A code for a different amount: its own code, told apart by the check digits.
    expect(await enter(c.challengeId, codeFor(nyId, c.challenge, amount - 1))).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE_CODE_WRONG_AMOUNT' },
    });
    // A signed token for another amount.
    const token = signApproval(signing.secretKey, {
      requestDigest: '',
      storeId: nyId,
      challenge: normalizeDigits(c.challenge),
      amountMinor: amount + 100,
      currency: 'USD',
      managerId: rmNa,
      keyId,
      decidedAt: new Date(t.clock.now).toISOString(),
    });
    expect(await enter(c.challengeId, token)).toMatchObject({
      error: { code: 'OFFLINE_CODE_WRONG_AMOUNT' },
    });
    // Three wrong codes burn the challenge: even the right code is refused now.
    expect(await enter(c.challengeId, codeFor(nyId, c.challenge, amount))).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE_CODE_LOCKED', details: { reason: 'challenge_burnt' } },
    });
    stillWaiting(request.id);

    // An expired challenge.
    c = await ask();
    await advance(15 * 60 * 1000 + 1);
    expect(await enter(c.challengeId, codeFor(nyId, c.challenge, amount))).toMatchObject({
      error: { code: 'OFFLINE_CODE_EXPIRED' },
    });

    // A revoked manager's code, once the revocation was pulled.
    c = await ask();
    pullKeys({ revokedAt: new Date(t.clock.now).toISOString() });
    expect(await enter(c.challengeId, codeFor(nyId, c.challenge, amount))).toMatchObject({
      ok: false,
      error: { code: 'MANAGER_KEY_REVOKED' },
    });
    stillWaiting(request.id);
    expect(
      t.query("SELECT id FROM audit_events WHERE action = 'approvals.offlineCodeRefused'"),
    ).toHaveLength(4);
  });

  it('locks the store after ten wrong codes in an hour, whatever the challenges', async () => {
    pullKeys();
    const request = await pendingRequest();
    let wrong = 0;
    while (wrong < MAX_FAILURES_PER_WINDOW) {
      const c = await t.ok(CLERK, 'approvals.offlineChallenge', { refundRequestId: request.id });
      for (let i = 0; i < 3 && wrong < MAX_FAILURES_PER_WINDOW; i++, wrong++) {
        await advance(1000);
        expect(
          await enter(c.challengeId, `${String(wrong).padStart(6, '0')}-00-000000`),
        ).toMatchObject({ ok: false });
      }
    }
    const c = await t.ok(CLERK, 'approvals.offlineChallenge', { refundRequestId: request.id });
    const locked = await enter(
      c.challengeId,
      codeFor(nyId, c.challenge, request.amount.totalMinor),
    );
    expect(locked).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE_CODE_LOCKED', details: { reason: 'store_locked' } },
    });
    const until = Date.parse(
      (locked as { error: { details: { until: string } } }).error.details.until,
    );
    expect(until - t.clock.now).toBe(30 * 60 * 1000);
    stillWaiting(request.id);
    // Once the lock ends, a fresh challenge and the right code go through.
    await advance(until - t.clock.now);
    const fresh = await t.ok(CLERK, 'approvals.offlineChallenge', { refundRequestId: request.id });
    expect(
      await t.ok(CLERK, 'approvals.offlineEnter', {
        challengeId: fresh.challengeId,
        response: codeFor(nyId, fresh.challenge, request.amount.totalMinor),
      }),
    ).toMatchObject({ status: 'approved' });
  });

  it('the manager needs their own key here; a different amount or one above the offline limit gets no code', async () => {
    const request = await pendingRequest();
    const c = await t.ok(CLERK, 'approvals.offlineChallenge', { refundRequestId: request.id });
    const respond = (amountMinor: number) =>
      t.call(MANAGER, 'approvals.offlineRespond', {
        challenge: c.challenge,
        amountMinor,
        currency: 'USD',
        storeId: nyId,
      });
    expect(await respond(request.amount.totalMinor)).toMatchObject({
      error: { code: 'NO_MANAGER_KEY' },
    });
    pullKeys({ secrets: false });
    expect(await respond(request.amount.totalMinor)).toMatchObject({
      error: { code: 'NO_MANAGER_KEY' },
    });
    pullKeys();
    expect(await respond(request.amount.totalMinor + 1)).toMatchObject({
      error: { code: 'AMOUNT_MISMATCH', details: { amountMinor: request.amount.totalMinor } },
    });
    // A challenge this laptop does not know: the code is made, above the limit it is not.
    const unknown = { ...c, challenge: '000000 000000' };
    const away = await t.ok(MANAGER, 'approvals.offlineRespond', {
      challenge: unknown.challenge,
      amountMinor: 20000,
      currency: 'USD',
      storeId: chId,
    });
    expect(away.request).toBeNull();
    expect(
      await t.call(MANAGER, 'approvals.offlineRespond', {
        challenge: unknown.challenge,
        amountMinor: 50001,
        currency: 'USD',
        storeId: chId,
      }),
    ).toMatchObject({ error: { code: 'OFFLINE_LIMIT_EXCEEDED', details: { limit: 'amount' } } });
    // A clerk cannot make codes.
    expect(
      await t.call(CLERK, 'approvals.offlineRespond', {
        challenge: c.challenge,
        amountMinor: request.amount.totalMinor,
        currency: 'USD',
        storeId: nyId,
      }),
    ).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('takes back an offline approval the back office refused: the request waits again, audited', async () => {
    pullKeys();
    const request = await pendingRequest();
    const c = await t.ok(CLERK, 'approvals.offlineChallenge', { refundRequestId: request.id });
    await t.ok(CLERK, 'approvals.offlineEnter', {
      challengeId: c.challengeId,
      response: codeFor(nyId, c.challenge, request.amount.totalMinor),
    });
    const pending = t.query<{ mutation_id: number; id: string; args: string }>(
      "SELECT mutation_id, id, args FROM outbox WHERE status = 'pending' ORDER BY mutation_id",
    );
    const device = one<{ id: string }>('SELECT id FROM devices WHERE is_local = 1').id;
    const sent: PushRequest = {
      protocolVersion: 1,
      clientId: device,
      batchId: randomUUID(),
      sentAt: new Date(t.clock.now).toISOString(),
      audit: [],
      mutations: pending.map((m) => ({
        mutationId: m.mutation_id,
        id: m.id,
        name: t.query<{ name: string }>('SELECT name FROM outbox WHERE id = ?', m.id)[0]!.name,
        args: JSON.parse(m.args),
        hlc: '0',
        userId: null,
        storeId: nyId,
        createdAt: new Date(t.clock.now).toISOString(),
        rows: [],
      })),
    };
    const last = pending.at(-1)!.mutation_id;
    applyPushResponse(
      {
        db,
        deviceId: device,
        now: () => t.clock.now,
        signal: new AbortController().signal,
        client: undefined as never,
      },
      sent,
      {
        lastMutationId: last,
        auditHead: null,
        serverTime: new Date(t.clock.now).toISOString(),
        results: pending.map((m) =>
          m.mutation_id === last
            ? {
                mutationId: m.mutation_id,
                status: 'rejected' as const,
                code: 'OFFLINE_CODE_INVALID' as const,
                reason: 'Part B of the code does not check out.',
              }
            : { mutationId: m.mutation_id, status: 'applied' as const },
        ),
      },
    );
    stillWaiting(request.id);
    expect(
      t.query<{ action: string }>(
        "SELECT action FROM audit_events WHERE action = 'approvals.offlineUndone' AND entity_type = 'approval'",
      ),
    ).toHaveLength(1);
    expect(await t.ok(CLERK, 'returns.get', { returnId: request.returnId })).toBeTruthy();
  });
});
