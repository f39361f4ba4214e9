import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../testing';

describe('refund deadlines', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = await testBackend({ storeCode: 'NY01' });
    await t.signIn('till', 'clerk.ny01', t.secrets.clerk);
    await t.signIn('sm', 'manager.ny01', t.secrets.store_manager);
  });
  afterEach(() => t.close());

  it('pins the due time on the request and alerts managers before and after it passes', async () => {
    const [line] = t.query<{ orderId: string; lineId: string }>(
      `SELECT o.id AS orderId, l.id AS lineId FROM orders o JOIN order_lines l ON l.order_id = o.id
        WHERE o.marketplace = 'US' AND o.status = 'Delivered' AND o.delivered_at >= '2026-11-01'
          AND l.unit_price_minor BETWEEN 10000 AND 45000 AND l.category NOT IN ('software','books_media')
        ORDER BY o.purchased_at DESC LIMIT 1`,
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
    const request = await t.ok('till', 'refunds.request', {
      id: randomUUID(),
      returnId: created.returnId,
    });
    // Received Saturday 2026-11-21 07:00 in Los Angeles (the US marketplace's calendar): two
    // business days are Monday and Tuesday, so it is due at the end of Tuesday, LA time.
    const [row] = t.query<{ due_at: string }>(
      'SELECT due_at FROM refund_requests WHERE id = ?',
      request.id,
    );
    expect(row!.due_at).toBe('2026-11-25T08:00:00.000Z');

    expect(await t.ok('sm', 'refunds.deadlines', {})).toEqual([]);
    // Time passes (a till locks itself when idle: each later look is a fresh sign-in).
    t.clock.now = Date.parse('2026-11-24T21:00:00.000Z'); // 11 h before
    await t.signIn('sm-later', 'manager.ny01', t.secrets.store_manager);
    const soon = await t.ok('sm-later', 'refunds.deadlines', {});
    expect(soon).toEqual([
      expect.objectContaining({
        refundRequestId: request.id,
        urgency: 'due_soon',
        storeCode: 'NY01',
      }),
    ]);
    t.clock.now = Date.parse('2026-11-25T09:00:00.000Z');
    await t.signIn('sm-late', 'manager.ny01', t.secrets.store_manager);
    expect((await t.ok('sm-late', 'refunds.deadlines', {}))[0]).toMatchObject({
      urgency: 'overdue',
    });

    // A clerk does not get the alert list (managers act on it).
    await t.signIn('till-late', 'clerk.ny01', t.secrets.clerk);
    const refused = await t.call('till-late', 'refunds.deadlines', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
