import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { PushRequest, RowChange } from '../../../shared/sync/protocol';
import type { TestBackend } from '../testing';
import type { ScriptedBackOffice } from './scripted-back-office';
import {
  demoStoreId,
  outboxEntries,
  recentUsOrder,
  recordEvents,
  syncingBackend,
  takeReturn,
} from './testing';

const MANAGER = 'manager-till';
const CLERK = 'clerk-till';

interface UserRowWire extends Record<string, unknown> {
  id: string;
  displayName: string;
  language: string;
  failedAttempts: number;
}

/** A user row in the wire shape, read from the local database. */
function userRow(t: TestBackend, username: string): UserRowWire {
  const [row] = t.query<Record<string, unknown>>(
    `SELECT id, username, display_name AS displayName, role, scope_kind AS scopeKind,
            scope_store_id AS scopeStoreId, scope_region_id AS scopeRegionId,
            secret_kind AS secretKind, secret_hash AS secretHash,
            failed_attempts AS failedAttempts, locked_until AS lockedUntil,
            language, active, created_at AS createdAt, updated_at AS updatedAt
       FROM users WHERE username = ?`,
    username,
  );
  return { ...row, active: row!.active === 1 } as unknown as UserRowWire;
}

const cookie = (t: TestBackend) =>
  t.query<{ cookie: number | null }>('SELECT cookie FROM sync_state')[0]!.cookie;

describe('pulling from the back office', () => {
  let t: TestBackend;
  let office: ScriptedBackOffice;

  const start = async () => {
    ({ t, office } = await syncingBackend());
    await t.signIn(MANAGER, 'manager.ny01', t.secrets.store_manager);
    await t.signIn(CLERK, 'clerk.ny01', t.secrets.clerk);
    // The first round (at start) enrolled this desktop.
    expect((await t.ok(MANAGER, 'sync.now', {})).backOffice).toBe('online');
  };
  afterEach(async () => {
    t?.close();
    await office?.close();
  });

  it('applies the rows as sent, captures none of them, keeps local-only columns, and tells the screens', async () => {
    await start();
    const events = recordEvents(t);
    const clerk = userRow(t, 'clerk.ny01');
    const device = t.query<{ id: string; store_id: string }>(
      'SELECT id, store_id FROM devices WHERE is_local = 1',
    )[0]!;
    const before = outboxEntries(t).length;

    office.queueRows(
      {
        table: 'users',
        row: { ...clerk, displayName: 'Clerk (renamed at the office)', failedAttempts: 4 },
      },
      // This device as the back office has it: the flag that says "this desktop" stays.
      {
        table: 'devices',
        row: {
          id: device.id,
          code: 'B',
          storeId: device.store_id,
          name: 'NY01 till B',
          isLocal: false,
          enrolledAt: '2026-11-21T15:00:00.000Z',
        },
      },
    );
    const status = await t.ok(MANAGER, 'sync.now', {});

    expect(status).toMatchObject({ backOffice: 'online', pendingMutations: 0, lastError: null });
    expect(userRow(t, 'clerk.ny01')).toMatchObject({
      displayName: 'Clerk (renamed at the office)',
      failedAttempts: 0,
    });
    expect(t.query('SELECT code, name, is_local FROM devices WHERE id = ?', device.id)).toEqual([
      { code: 'B', name: 'NY01 till B', is_local: 1 },
    ]);
    expect(outboxEntries(t)).toHaveLength(before);
    expect(t.query('SELECT * FROM sync_pending_rows')).toEqual([]);
    expect(cookie(t)).toBe(2);
    expect(events).toContainEqual({
      event: 'data.changed',
      payload: { tables: ['devices', 'users'] },
    });

    // The next local change carries its own row only, not the pulled ones.
    await t.ok(CLERK, 'me.setLanguage', { language: 'zh-CN' });
    const last = outboxEntries(t).at(-1)!;
    expect(last.rows.map((r) => [r.table, r.row.id])).toEqual([['users', clerk.id]]);
    // RMA numbers made here from now on carry the letter the back office assigned.
    const { returnId } = await takeReturn(t, CLERK, recentUsOrder(t).id);
    expect((await t.ok(CLERK, 'returns.get', { returnId })).rmaNumber).toMatch(/^NY01-B-/);
  });

  it('deletes a row the back office tombstones', async () => {
    await start();
    const storeId = demoStoreId('NY01');
    await t.ok(MANAGER, 'settings.update', { storeId, key: 'idleLockSeconds', value: 120 });
    await t.ok(MANAGER, 'sync.now', {});
    expect(t.query('SELECT value FROM settings WHERE scope = ?', storeId)).toEqual([
      { value: '120' },
    ]);

    office.queueRows({
      table: 'settings',
      row: { scope: storeId, key: 'idleLockSeconds' },
      deleted: true,
    });
    await t.ok(MANAGER, 'sync.now', {});
    expect(t.query('SELECT value FROM settings WHERE scope = ?', storeId)).toEqual([]);
    expect((await t.ok(MANAGER, 'settings.get', { storeId })).idleLockSeconds).not.toBe(120);
  });

  it('rebases: a pending local change stays visible over the pulled row, and gives way once acknowledged', async () => {
    await start();
    const clerk = userRow(t, 'clerk.ny01');
    // The clerk changes their language while the pull is on its way (the round's pushes are
    // done); the back office meanwhile renamed them.
    let changedDuringPull = false;
    office.route('/v1/sync/pull', async () => {
      if (changedDuringPull) return undefined;
      changedDuringPull = true;
      await t.ok(CLERK, 'me.setLanguage', { language: 'zh-CN' });
      office.queueRows({
        table: 'users',
        row: { ...clerk, displayName: 'Renamed', language: 'en' },
      });
      return undefined;
    });
    const status = await t.ok(MANAGER, 'sync.now', {});

    expect(status.pendingMutations).toBe(1);
    // The back office's name did not land on top of the local row: the pending change's
    // snapshot (language zh-CN, the name as it was) was re-applied over it.
    expect(userRow(t, 'clerk.ny01')).toMatchObject({
      displayName: clerk.displayName,
      language: 'zh-CN',
    });
    expect(t.query('SELECT table_name FROM sync_server_rows')).toEqual([{ table_name: 'users' }]);

    // The next push delivers the change; the back office's row now has both.
    office.route('/v1/sync/push', () => {
      office.queueRows({
        table: 'users',
        row: { ...clerk, displayName: 'Renamed', language: 'zh-CN' },
      });
      return undefined;
    });
    const after = await t.ok(MANAGER, 'sync.now', {});
    expect(after.pendingMutations).toBe(0);
    expect(userRow(t, 'clerk.ny01')).toMatchObject({ displayName: 'Renamed', language: 'zh-CN' });
    expect(outboxEntries(t).at(-1)).toMatchObject({
      name: 'users.setLanguage',
      status: 'acked',
      rows: [],
    });
    expect(t.query('SELECT * FROM sync_server_rows')).toEqual([]);
  });

  it("puts the back office's denial back once it rejects the approval made here", async () => {
    await start();
    const [dear] = t.query<{ order_id: string; id: string }>(
      `SELECT l.order_id, l.id FROM order_lines l JOIN orders o ON o.id = l.order_id
        WHERE o.marketplace = 'US' AND o.status = 'Delivered' AND o.delivered_at >= '2026-11-01'
          AND l.unit_price_minor >= 10000 AND l.category NOT IN ('software','books_media')
        ORDER BY o.purchased_at DESC LIMIT 1`,
    );
    const returnId = randomUUID();
    await t.ok(CLERK, 'returns.create', {
      id: returnId,
      orderId: dear!.order_id,
      lines: [
        {
          id: randomUUID(),
          orderLineId: dear!.id,
          quantity: 1,
          reasonCode: 'DEFECTIVE',
          opened: false,
          damaged: false,
          missingParts: false,
        },
      ],
    });
    const request = await t.ok(CLERK, 'refunds.request', { id: randomUUID(), returnId });
    expect(request.status).toBe('pending_approval');
    await t.ok(MANAGER, 'sync.now', {});

    // The regional manager denies it at the back office; at the same moment the store manager
    // approves it here, offline from the office's point of view.
    const [requestRow] = t.query<Record<string, unknown>>(
      'SELECT * FROM refund_requests WHERE id = ?',
      request.id,
    );
    const rm = t.query<{ id: string }>("SELECT id FROM users WHERE username = 'rm.na'")[0]!;
    const denialId = randomUUID();
    const denial: RowChange = {
      table: 'approvals',
      row: {
        id: denialId,
        refundRequestId: request.id,
        decision: 'denied',
        method: 'queue',
        decidedBy: rm.id,
        comment: 'serial returner',
        requestDigest: requestRow!.digest,
        deviceId: randomUUID(),
        decidedAt: '2026-11-21T15:00:30.000Z',
      },
    };
    const deniedRequest = refundRequestWire(requestRow!, 'denied');
    const approvalId = randomUUID();
    let rejectNext = false;
    office.route('/v1/sync/push', (body) => {
      if (!rejectNext) {
        // Not processed yet (queued behind the office's own work): nothing settled.
        office.queueRows(deniedRequest, denial);
        return { status: 200, body: pushAnswer(body as PushRequest, []) };
      }
      const results = (body as PushRequest).mutations.map((m) => ({
        mutationId: m.mutationId,
        status: 'rejected' as const,
        code: 'ALREADY_DECIDED' as const,
        reason: 'A regional manager denied this request first.',
      }));
      return { status: 200, body: pushAnswer(body as PushRequest, results) };
    });
    await t.ok(MANAGER, 'approvals.decide', {
      id: approvalId,
      refundRequestId: request.id,
      decision: 'approved',
    });
    await t.ok(MANAGER, 'sync.now', {});

    // Still pending here: the approval made at this till is what the till shows.
    expect(
      t.query('SELECT id, decision FROM approvals WHERE refund_request_id = ?', request.id),
    ).toEqual([{ id: approvalId, decision: 'approved' }]);
    expect((await t.ok(CLERK, 'returns.get', { returnId })).refunds[0]!.status).toBe('approved');

    rejectNext = true;
    const status = await t.ok(MANAGER, 'sync.now', {});
    expect(status).toMatchObject({ pendingMutations: 0, rejectedMutations: 1 });
    expect(
      t.query('SELECT id, decision FROM approvals WHERE refund_request_id = ?', request.id),
    ).toEqual([{ id: denialId, decision: 'denied' }]);
    expect((await t.ok(CLERK, 'returns.get', { returnId })).refunds[0]!.status).toBe('denied');
    expect(await t.ok(MANAGER, 'sync.rejections', {})).toEqual([
      expect.objectContaining({
        name: 'approvals.decide',
        code: 'ALREADY_DECIDED',
        reason: 'A regional manager denied this request first.',
        entityType: 'approval',
        entityId: approvalId,
      }),
    ]);
  });

  it('applies a page whole or not at all: a bad row leaves the rows and the cookie as they were, and the pull resumes', async () => {
    ({ t, office } = await syncingBackend({ pullLimit: 2 }));
    await t.signIn(MANAGER, 'manager.ny01', t.secrets.store_manager);
    await t.ok(MANAGER, 'sync.now', {});
    const clerk = userRow(t, 'clerk.ny01');
    const manager = userRow(t, 'manager.ny01');
    const missingReturn = randomUUID();
    office.queueRows(
      { table: 'users', row: { ...clerk, displayName: 'Page one' } },
      { table: 'users', row: { ...manager, displayName: 'Page one too' } },
      { table: 'users', row: { ...clerk, displayName: 'Page two' } },
      // A line of a return this desktop has never heard of: the page cannot commit.
      {
        table: 'labelPrints',
        row: {
          id: randomUUID(),
          returnId: missingReturn,
          size: '4x6',
          reprint: false,
          reason: null,
          printedBy: clerk.id,
          printedAt: '2026-11-21T15:00:00.000Z',
        },
      },
    );
    const cookieBefore = cookie(t);
    const failed = await t.ok(MANAGER, 'sync.now', {});

    expect(failed.lastError).toMatchObject({ code: 'INTERNAL', traceId: expect.any(String) });
    expect(failed.lastError!.message).toMatch(/FOREIGN KEY/);
    // Page one committed with its cookie; page two left nothing behind.
    expect(cookie(t)).toBe(cookieBefore! + 2);
    expect(userRow(t, 'clerk.ny01').displayName).toBe('Page one');
    expect(userRow(t, 'manager.ny01').displayName).toBe('Page one too');
    expect(t.query('SELECT * FROM label_prints')).toEqual([]);
    expect(t.logs).toContainEqual(
      expect.objectContaining({ msg: 'sync round failed', traceId: failed.lastError!.traceId }),
    );

    // The office mends the row (it meant a print of a return it also sends): the same page again.
    office.served.at(-1)!.change = {
      table: 'users',
      row: { ...manager, displayName: 'Page two too' },
    };
    const mended = await t.ok(MANAGER, 'sync.now', {});
    expect(mended.lastError).toBeNull();
    expect(cookie(t)).toBe(cookieBefore! + 4);
    expect(userRow(t, 'clerk.ny01').displayName).toBe('Page two');
    expect(userRow(t, 'manager.ny01').displayName).toBe('Page two too');
    const pulls = office.requests.filter((r) => r.path === '/v1/sync/pull').slice(-2);
    // The failed round and the mended one both asked from where page one had left off.
    expect(pulls.map((r) => (r.body as { cookie: number }).cookie)).toEqual([
      cookieBefore! + 2,
      cookieBefore! + 2,
    ]);
  });
});

function refundRequestWire(row: Record<string, unknown>, status: string): RowChange {
  return {
    table: 'refundRequests',
    row: {
      id: row.id,
      returnId: row.return_id,
      orderId: row.order_id,
      storeId: row.store_id,
      currency: row.currency,
      itemMinor: row.item_minor,
      itemTaxMinor: row.item_tax_minor,
      shippingMinor: row.shipping_minor,
      shippingTaxMinor: row.shipping_tax_minor,
      restockingFeeMinor: row.restocking_fee_minor,
      totalMinor: row.total_minor,
      adjustmentReason: row.adjustment_reason,
      status,
      decision: row.decision,
      decisionReasons: row.decision_reasons,
      riskSignals: row.risk_signals,
      approvalPolicyId: row.approval_policy_id,
      approvalPolicyVersion: row.approval_policy_version,
      digest: row.digest,
      requestedBy: row.requested_by,
      requestedAt: row.requested_at,
    },
  };
}

function pushAnswer(request: PushRequest, results: unknown[]) {
  const settled = (results as { mutationId: number }[]).map((r) => r.mutationId);
  return {
    lastMutationId: Math.max(0, ...settled),
    results,
    auditHead: null,
    serverTime: new Date().toISOString(),
  };
}
