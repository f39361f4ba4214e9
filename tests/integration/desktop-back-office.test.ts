import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackOffice, type BackOffice } from '../../server/back-office';
import { createEnrollmentCode } from '../../server/directory/enrollment';
import { storeByCode } from '../../server/directory/lookup';
import { testBackend, type TestBackend } from '../../electron/backend/testing';
import type { DeviceScope } from '../../shared/sync/protocol';

/**
 * The desktop and the back office together, for real: a back office on PGlite over HTTP, and
 * desktops on their own SQLite files that enrol with one-time codes and sync by `sync.now`.
 * A clerk in NY01 files a refund that needs a manager; two regional managers' laptops see it in
 * their queues; the first decision wins, the other sees it decided, and the clerk's desktop
 * shows the approval after its next pull.
 */
const START = Date.parse('2026-11-21T15:00:00.000Z');
const HOUR = 3_600_000;

describe('desktops and the back office', () => {
  let office: BackOffice;
  let officeDir: string;
  const desktops: TestBackend[] = [];

  async function enrolledDesktop(storeCode: string, scope: DeviceScope): Promise<TestBackend> {
    const store = await storeByCode(office.db, storeCode);
    const { code } = await createEnrollmentCode(office.db, {
      storeId: store!.id,
      scope,
      ttlMinutes: 60,
      createdBy: null,
      createdByDevice: null,
      now: new Date(START),
    });
    const t = await testBackend({
      storeCode,
      sync: { backOfficeUrl: office.url, enrollmentCode: code, intervalMs: HOUR, debounceMs: HOUR },
    });
    desktops.push(t);
    return t;
  }

  async function syncNow(t: TestBackend, channel: string) {
    const status = await t.ok(channel, 'sync.now', {});
    expect(status.lastError, JSON.stringify(status.lastError)).toBeNull();
    return status;
  }

  beforeAll(async () => {
    officeDir = mkdtempSync(join(tmpdir(), 'returndesk-it-bo-'));
    office = await startBackOffice({ dataDir: officeDir, now: () => START, seedDemo: true });
  }, 60_000);

  afterAll(async () => {
    for (const t of desktops) t.close();
    await office?.close();
    rmSync(officeDir, { recursive: true, force: true });
  });

  it('routes a refund across desktops: first decision wins, the clerk sees it after a pull', async () => {
    const clerkDesk = await enrolledDesktop('NY01', 'store');
    const rmDeskA = await enrolledDesktop('NY01', 'region');
    const rmDeskB = await enrolledDesktop('BO01', 'region');

    await clerkDesk.signIn('till', 'clerk.ny01', clerkDesk.secrets.clerk);
    await rmDeskA.signIn('rm', 'rm.na', rmDeskA.secrets.regional_manager);
    await rmDeskB.signIn('rm', 'rm.na', rmDeskB.secrets.regional_manager);
    for (const [t, ch] of [
      [clerkDesk, 'till'],
      [rmDeskA, 'rm'],
      [rmDeskB, 'rm'],
    ] as const)
      expect((await syncNow(t, ch)).backOffice).toBe('online');

    // The clerk takes back one unit of a dear line and asks for the refund.
    const [dear] = clerkDesk.query<{ orderId: string; lineId: string }>(
      `SELECT o.id AS orderId, l.id AS lineId FROM orders o JOIN order_lines l ON l.order_id = o.id
        WHERE o.marketplace = 'US' AND o.status = 'Delivered' AND o.delivered_at >= '2026-11-01'
          AND l.unit_price_minor >= 15000 AND l.category NOT IN ('software','books_media')
        ORDER BY o.purchased_at DESC LIMIT 1`,
    );
    const created = await clerkDesk.ok('till', 'returns.create', {
      id: randomUUID(),
      orderId: dear!.orderId,
      lines: [
        {
          id: randomUUID(),
          orderLineId: dear!.lineId,
          quantity: 1,
          reasonCode: 'DEFECTIVE',
          opened: false,
          damaged: false,
          missingParts: false,
        },
      ],
    });
    const request = await clerkDesk.ok('till', 'refunds.request', {
      id: randomUUID(),
      returnId: created.returnId,
    });
    expect(request.status).toBe('pending_approval');
    expect((await syncNow(clerkDesk, 'till')).pendingMutations).toBe(0);

    // Both managers' laptops pull it into their queues.
    await syncNow(rmDeskA, 'rm');
    await syncNow(rmDeskB, 'rm');
    expect((await rmDeskA.ok('rm', 'approvals.queue', {})).map((r) => r.id)).toContain(request.id);
    expect((await rmDeskB.ok('rm', 'approvals.queue', {})).map((r) => r.id)).toContain(request.id);

    // Both decide while offline from each other; A's reaches the back office first.
    await rmDeskA.ok('rm', 'approvals.decide', {
      id: randomUUID(),
      refundRequestId: request.id,
      decision: 'approved',
      comment: 'receipt checked by phone',
    });
    await rmDeskB.ok('rm', 'approvals.decide', {
      id: randomUUID(),
      refundRequestId: request.id,
      decision: 'approved',
      comment: 'second look',
    });
    await syncNow(rmDeskA, 'rm');
    const bStatus = await rmDeskB.ok('rm', 'sync.now', {});
    expect(bStatus.rejectedMutations).toBe(1);
    const [rejection] = await rmDeskB.ok('rm', 'sync.rejections', {});
    expect(rejection).toMatchObject({ code: 'ALREADY_DECIDED' });
    // B now shows A's decision, not its own.
    const [bApproval] = rmDeskB.query<{ decided_by: string; comment: string }>(
      'SELECT decided_by, comment FROM approvals WHERE refund_request_id = ?',
      request.id,
    );
    expect(bApproval?.comment).toBe('receipt checked by phone');

    // The clerk's desktop shows the approval after its next pull.
    await syncNow(clerkDesk, 'till');
    const [local] = clerkDesk.query<{ status: string }>(
      'SELECT status FROM refund_requests WHERE id = ?',
      request.id,
    );
    expect(local?.status).toBe('approved');

    // Nothing applied twice: one request, one decision on the server.
    expect(
      clerkDesk.query('SELECT id FROM approvals WHERE refund_request_id = ?', request.id),
    ).toHaveLength(1);
  }, 120_000);

  it('a small refund approved by policy at the till stands at the back office (same policy, re-checked)', async () => {
    const till = await enrolledDesktop('NY01', 'store');
    await till.signIn('till', 'clerk.ny01', till.secrets.clerk);
    await syncNow(till, 'till');
    const [cheap] = till.query<{ orderId: string; lineId: string }>(
      `SELECT o.id AS orderId, l.id AS lineId FROM orders o JOIN order_lines l ON l.order_id = o.id
        WHERE o.marketplace = 'US' AND o.status = 'Delivered' AND o.delivered_at >= '2026-11-01'
          AND l.unit_price_minor < 2500 AND l.category NOT IN ('software','books_media')
          AND NOT EXISTS (SELECT 1 FROM return_lines rl WHERE rl.order_line_id = l.id)
        ORDER BY o.purchased_at DESC LIMIT 1`,
    );
    const created = await till.ok('till', 'returns.create', {
      id: randomUUID(),
      orderId: cheap!.orderId,
      lines: [
        {
          id: randomUUID(),
          orderLineId: cheap!.lineId,
          quantity: 1,
          reasonCode: 'DEFECTIVE',
          opened: false,
          damaged: false,
          missingParts: false,
        },
      ],
    });
    const request = await till.ok('till', 'refunds.request', {
      id: randomUUID(),
      returnId: created.returnId,
    });
    expect(request).toMatchObject({
      status: 'approved',
      decision: 'auto_approved',
      policyId: 'defaults',
    });
    const status = await syncNow(till, 'till');
    expect(status.rejectedMutations).toBe(0);
    expect(status.pendingMutations).toBe(0);
  }, 60_000);

  it('an admin makes an enrollment code at their desktop; a new till enrols with it; revoking it stops its sync', async () => {
    const adminDesk = await enrolledDesktop('NY01', 'chain');
    await adminDesk.signIn('admin', 'admin', adminDesk.secrets.admin);
    await syncNow(adminDesk, 'admin');
    const bo01 = (await adminDesk.ok('admin', 'directory.stores', {})).find(
      (s) => s.code === 'BO01',
    )!;
    const { code } = await adminDesk.ok('admin', 'devices.enrollmentCode', { storeId: bo01.id });
    const audit = adminDesk.query<{ after: string }>(
      "SELECT after FROM audit_events WHERE action = 'devices.enrollmentCode'",
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).not.toContain(code);

    const newTill = await testBackend({
      storeCode: 'BO01',
      sync: { backOfficeUrl: office.url, enrollmentCode: code, intervalMs: HOUR, debounceMs: HOUR },
    });
    desktops.push(newTill);
    await newTill.signIn('till', 'clerk.bo01', newTill.secrets.clerk);
    expect((await syncNow(newTill, 'till')).backOffice).toBe('online');

    // The admin's desktop learns of the new till by sync, then revokes it.
    await syncNow(adminDesk, 'admin');
    const devices = await adminDesk.ok('admin', 'devices.list', {});
    const [newTillId] = newTill.query<{ id: string }>('SELECT id FROM devices WHERE is_local = 1');
    const till = devices.find((d) => d.id === newTillId!.id);
    expect(till).toBeDefined();
    const selfRevoke = await adminDesk.call('admin', 'devices.revoke', {
      deviceId: devices.find((d) => d.isThisDesktop)!.id,
      reason: 'testing',
    });
    expect(selfRevoke).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await adminDesk.ok('admin', 'devices.revoke', { deviceId: till!.id, reason: 'Till stolen' });
    const after = await newTill.ok('till', 'sync.now', {});
    expect(after.backOffice).toBe('revoked');

    // A clerk may not make codes.
    const clerkDesk = await enrolledDesktop('NY01', 'store');
    await clerkDesk.signIn('till', 'clerk.ny01', clerkDesk.secrets.clerk);
    const refused = await clerkDesk.call('till', 'devices.enrollmentCode', { storeId: bo01.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }, 90_000);

  it('an admin sets the seller account from their desktop: the secrets reach the back office only, never this database, its audit log or any pull; a clerk is refused', async () => {
    const SECRET = 'cs-THE-CLIENT-SECRET-0123456789';
    const REFRESH = 'Atzr|THE-REFRESH-TOKEN-0123456789';
    const adminDesk = await enrolledDesktop('NY01', 'chain');
    await adminDesk.signIn('admin', 'admin', adminDesk.secrets.admin);
    const status = await adminDesk.ok('admin', 'amazonAccount.set', {
      clientId: 'amzn1.application-oa2-client.00112233aabbc9xyz',
      clientSecret: SECRET,
      refreshToken: REFRESH,
      sellerId: 'A2SELLER',
    });
    expect(status).toMatchObject({
      connected: true,
      clientIdHint: 'amzn1…9xyz',
      refreshTokenSet: true,
    });
    expect(await adminDesk.ok('admin', 'amazonAccount.get', {})).toEqual(status);
    await syncNow(adminDesk, 'admin');
    const tables = adminDesk.query<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table'",
    );
    for (const { name } of tables) {
      const dump = JSON.stringify(adminDesk.query(`SELECT * FROM "${name}"`));
      expect(dump, name).not.toContain('THE-CLIENT-SECRET');
      expect(dump, name).not.toContain('THE-REFRESH-TOKEN');
    }
    const audit = adminDesk.query<{ after: string }>(
      "SELECT after FROM audit_events WHERE action = 'amazonAccount.set'",
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toContain('amzn1…9xyz');

    const clerkDesk = await enrolledDesktop('NY01', 'store');
    await clerkDesk.signIn('till', 'clerk.ny01', clerkDesk.secrets.clerk);
    const refused = await clerkDesk.call('till', 'amazonAccount.get', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }, 90_000);

  it('two tills refund the same unit while apart: the second is refused by the back office and says so', async () => {
    const tillA = await enrolledDesktop('NY01', 'store');
    const tillB = await enrolledDesktop('NY01', 'store');
    await tillA.signIn('till', 'clerk.ny01', tillA.secrets.clerk);
    await tillB.signIn('till', 'clerk.ny01', tillB.secrets.clerk);
    await syncNow(tillA, 'till');
    await syncNow(tillB, 'till');
    const [line] = tillA.query<{ orderId: string; lineId: string }>(
      `SELECT o.id AS orderId, l.id AS lineId FROM orders o JOIN order_lines l ON l.order_id = o.id
        WHERE o.marketplace = 'US' AND o.status = 'Delivered' AND o.delivered_at >= '2026-11-01'
          AND l.quantity = 1 AND l.unit_price_minor < 2500 AND l.category NOT IN ('software','books_media')
          AND NOT EXISTS (SELECT 1 FROM return_lines rl WHERE rl.order_line_id = l.id)
        ORDER BY o.purchased_at DESC LIMIT 1`,
    );
    const refundAt = async (t: TestBackend) => {
      const created = await t.ok('till', 'returns.create', {
        id: randomUUID(),
        orderId: line!.orderId,
        lines: [
          {
            id: randomUUID(),
            orderLineId: line!.lineId,
            quantity: 1,
            reasonCode: 'DEFECTIVE',
            opened: false,
            damaged: false,
            missingParts: false,
          },
        ],
      });
      return t.ok('till', 'refunds.request', { id: randomUUID(), returnId: created.returnId });
    };
    const first = await refundAt(tillA);
    const second = await refundAt(tillB);
    await syncNow(tillA, 'till');
    const status = await tillB.ok('till', 'sync.now', {});
    expect(status.rejectedMutations).toBeGreaterThan(0);
    const [refused] = tillB.query<{ status: string; rejection_reason: string }>(
      'SELECT status, rejection_reason FROM refund_requests WHERE id = ?',
      second.id,
    );
    expect(refused!.status).toBe('rejected');
    expect(refused!.rejection_reason).toMatch(/^The back office refused this refund \(/);
    expect(
      tillB.query("SELECT id FROM audit_events WHERE action = 'refunds.refusedByBackOffice'"),
    ).toHaveLength(1);
    // The first till's refund stands, once, and the refused one never reached the back office.
    const [kept] = tillA.query<{ status: string }>(
      'SELECT status FROM refund_requests WHERE id = ?',
      first.id,
    );
    expect(kept!.status).toBe('approved');
  }, 60_000);

  it('a store desktop never pulls another store’s returns', async () => {
    const ny = await enrolledDesktop('NY01', 'store');
    const other = await enrolledDesktop('BO01', 'store');
    await ny.signIn('till', 'clerk.ny01', ny.secrets.clerk);
    await syncNow(ny, 'till');
    const nyReturns = ny.query<{ store_id: string }>('SELECT DISTINCT store_id FROM returns');
    await other.signIn('till', 'clerk.bo01', other.secrets.clerk);
    await syncNow(other, 'till');
    const otherStores = other.query<{ store_id: string }>('SELECT DISTINCT store_id FROM returns');
    expect(nyReturns.length).toBeGreaterThan(0);
    expect(otherStores.map((r) => r.store_id)).not.toContain(nyReturns[0]!.store_id);
  }, 60_000);
});
