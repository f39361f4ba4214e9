import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../testing';

describe('ALREADY_REFUNDED: Amazon refunded the line by itself', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = await testBackend({ storeCode: 'NY01' });
    await t.signIn('till', 'clerk.ny01', t.secrets.clerk);
  });
  afterEach(() => t.close());

  it('forces a person to look even at a small refund, and says how much Amazon refunded', async () => {
    const [line] = t.query<{ orderId: string; lineId: string }>(
      `SELECT o.id AS orderId, l.id AS lineId FROM orders o JOIN order_lines l ON l.order_id = o.id
        WHERE o.marketplace = 'US' AND o.status = 'Delivered' AND o.delivered_at >= '2026-11-01'
          AND l.unit_price_minor < 2500 AND l.category NOT IN ('software','books_media')
        ORDER BY o.purchased_at DESC LIMIT 1`,
    );
    // As a pull from the back office would leave it.
    const writer = new Database(`${t.dataDir}/returndesk.sqlite`);
    writer
      .prepare(
        "INSERT INTO amazon_refunds (id, order_id, currency, refunded_minor, updated_at) VALUES (?, ?, 'USD', 1299, '2026-11-20T10:00:00.000Z')",
      )
      .run(line!.lineId, line!.orderId);
    writer.close();
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
    expect(request).toMatchObject({ status: 'pending_approval', decision: 'needs_manager' });
    expect(request.riskSignals).toContainEqual({
      code: 'ALREADY_REFUNDED',
      params: { amountMinor: 1299, currency: 'USD' },
    });
  });
});
