import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../testing';

describe('the admin publishes refund policy versions', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = await testBackend({ storeCode: 'NY01' });
    await t.signIn('till', 'clerk.ny01', t.secrets.clerk);
    await t.signIn('admin', 'admin', t.secrets.admin);
  });
  afterEach(() => t.close());

  /** A pending request for one unit of a US line priced between min and max (minor units). */
  async function pendingRequest(minMinor: number, maxMinor: number, skip = 0) {
    const [line] = t.query<{ orderId: string; lineId: string }>(
      `SELECT o.id AS orderId, l.id AS lineId FROM orders o JOIN order_lines l ON l.order_id = o.id
        WHERE o.marketplace = 'US' AND o.status = 'Delivered' AND o.delivered_at >= '2026-11-01'
          AND l.unit_price_minor BETWEEN ? AND ? AND l.category NOT IN ('software','books_media')
          AND NOT EXISTS (SELECT 1 FROM return_lines rl WHERE rl.order_line_id = l.id)
        ORDER BY o.purchased_at DESC LIMIT 1 OFFSET ?`,
      minMinor,
      maxMinor,
      skip,
    );
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
  }

  const chainRules = (usd: number) => ({
    setKey: 'chain',
    scope: { kind: 'chain' as const },
    rules: { autoApproveBelowMinor: { USD: usd } },
  });

  it('previews how many waiting requests a version would approve, and publishing approves exactly those', async () => {
    const small = await pendingRequest(6000, 9000);
    const dear = await pendingRequest(30000, 45000);
    expect([small.status, dear.status]).toEqual(['pending_approval', 'pending_approval']);
    expect(small.policyId).toBe('defaults');

    const preview = await t.ok('admin', 'policies.preview', chainRules(12000));
    expect(preview).toMatchObject({ version: 1, nowAutoApproved: 1 });
    expect(preview.changes).toEqual([
      expect.objectContaining({ refundRequestId: small.id, from: 'store_manager', to: 'auto' }),
    ]);

    const published = await t.ok('admin', 'policies.publish', {
      id: randomUUID(),
      ...chainRules(12000),
    });
    expect(published).toEqual({
      version: 1,
      label: 'chain v1',
      autoApproved: preview.nowAutoApproved,
    });
    const statuses = t.query<{ id: string; status: string }>(
      'SELECT id, status FROM refund_requests ORDER BY requested_at',
    );
    expect(statuses).toEqual([
      { id: small.id, status: 'approved' },
      { id: dear.id, status: 'pending_approval' },
    ]);
    const [approval] = t.query<{ method: string; comment: string; decided_by: string | null }>(
      'SELECT method, comment, decided_by FROM approvals WHERE refund_request_id = ?',
      small.id,
    );
    expect(approval).toEqual({
      method: 'policy',
      comment: 'Approved by policy chain v1',
      decided_by: null,
    });
    // One change: the version, the approval and the request travel together.
    const [mutation] = t.query<{ rows: string }>(
      "SELECT rows FROM outbox WHERE name = 'policies.publish'",
    );
    const tables = (JSON.parse(mutation!.rows) as { table: string }[]).map((r) => r.table).sort();
    expect(tables).toEqual(['approvals', 'policySets', 'refundRequests']);
  });

  it('a request decided under v1 still shows v1 after v2 is published', async () => {
    await t.ok('admin', 'policies.publish', { id: randomUUID(), ...chainRules(3000) });
    const underV1 = await pendingRequest(3500, 4900);
    expect(underV1).toMatchObject({
      policyId: 'chain v1',
      policyVersion: 1,
      status: 'pending_approval',
    });
    await t.ok('admin', 'policies.publish', { id: randomUUID(), ...chainRules(2000) });
    const again = await t.ok('till', 'returns.get', { returnId: underV1.returnId });
    expect(again).toBeDefined();
    const [row] = t.query<{ approval_policy_id: string; approval_policy_version: number }>(
      'SELECT approval_policy_id, approval_policy_version FROM refund_requests WHERE id = ?',
      underV1.id,
    );
    expect(row).toEqual({ approval_policy_id: 'chain v1', approval_policy_version: 1 });
    const underV2 = await pendingRequest(3500, 4900, 1);
    expect(underV2.policyId).toBe('chain v2');
  });

  it('refuses bad drafts with a code and changes nothing; only an admin may publish', async () => {
    const before = t.fingerprint();
    const badRules = await t.call('admin', 'policies.preview', {
      setKey: 'chain',
      scope: { kind: 'chain' },
      rules: { refundDueBusinessDays: 0 },
    });
    expect(badRules).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const unknownStore = await t.call('admin', 'policies.publish', {
      id: randomUUID(),
      setKey: 'store-x',
      scope: { kind: 'store', storeId: randomUUID() },
      rules: {},
    });
    expect(unknownStore).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const clerk = await t.call('till', 'policies.publish', {
      id: randomUUID(),
      ...chainRules(9000),
    });
    expect(clerk).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(t.fingerprint()).toBe(before);
  });

  it('a regional-manager tier refuses a store manager’s decision', async () => {
    await t.ok('admin', 'policies.publish', {
      id: randomUUID(),
      setKey: 'region-na',
      scope: {
        kind: 'region',
        regionId: t.query<{ id: string }>("SELECT id FROM regions WHERE code = 'NA'")[0]!.id,
      },
      rules: { regionalManagerFromMinor: { USD: 10000 } },
    });
    const dear = await pendingRequest(10000, 45000);
    expect(dear.status).toBe('pending_approval');
    const [row] = t.query<{ approval_tier: string }>(
      'SELECT approval_tier FROM refund_requests WHERE id = ?',
      dear.id,
    );
    expect(row!.approval_tier).toBe('regional_manager');
    await t.signIn('sm', 'manager.ny01', t.secrets.store_manager);
    const refused = await t.call('sm', 'approvals.decide', {
      id: randomUUID(),
      refundRequestId: dear.id,
      decision: 'approved',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await t.signIn('rm', 'rm.na', t.secrets.regional_manager);
    await expect(
      t.ok('rm', 'approvals.decide', {
        id: randomUUID(),
        refundRequestId: dear.id,
        decision: 'approved',
      }),
    ).resolves.toMatchObject({ status: 'approved' });
  });
});
