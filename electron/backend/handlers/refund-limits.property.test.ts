import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testBackend } from '../testing';

/**
 * Whatever sequence of partial returns, refund requests (some lowered) and denials a till goes
 * through, the live refunds of an order line never add up to more than was paid for it — and
 * returning every unit in full refunds exactly what was paid. Runs on the real backend.
 */
describe('refund limits per order line (property)', () => {
  it('never refunds more than was paid, whatever the sequence', async () => {
    const t = await testBackend({ storeCode: 'NY01' });
    const [target] = t.query<{ orderId: string; lineId: string; quantity: number }>(
      `SELECT l.order_id AS orderId, l.id AS lineId, l.quantity FROM order_lines l JOIN orders o ON o.id = l.order_id
        WHERE o.marketplace = 'US' AND o.status = 'Delivered' AND o.delivered_at >= '2026-11-01'
          AND l.quantity >= 2 AND l.category NOT IN ('software', 'books_media')
        ORDER BY o.purchased_at DESC LIMIT 1`,
    );
    t.close();
    expect(target, 'the demo data has a recent US line with 2+ units').toBeDefined();

    const step = fc.oneof(
      fc.record({
        kind: fc.constant('return' as const),
        units: fc.integer({ min: 1, max: 3 }),
        lower: fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
      }),
      fc.record({ kind: fc.constant('deny' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const run = await testBackend({ storeCode: 'NY01' });
        try {
          await run.signIn('clerk', 'clerk.ny01', run.secrets.clerk);
          await run.signIn('rm', 'rm.na', run.secrets.regional_manager);
          const paid = (
            await run.ok('clerk', 'orders.get', { orderId: target!.orderId })
          ).lines.find((l) => l.id === target!.lineId)!.paid.amountMinor;
          const live = () =>
            run.query<{ total: number }>(
              `SELECT coalesce(sum(l.total_minor), 0) AS total FROM refund_request_lines l JOIN refund_requests r ON r.id = l.refund_request_id
                WHERE l.order_line_id = ? AND r.status NOT IN ('denied', 'rejected')`,
              target!.lineId,
            )[0]!.total;
          for (const s of steps) {
            if (s.kind === 'deny') {
              const [pending] = await run.ok('rm', 'approvals.queue', {});
              if (pending)
                await run.ok('rm', 'approvals.decide', {
                  id: randomUUID(),
                  refundRequestId: pending.id,
                  decision: 'denied',
                });
            } else {
              const created = await run.call('clerk', 'returns.create', {
                id: randomUUID(),
                orderId: target!.orderId,
                lines: [
                  {
                    id: randomUUID(),
                    orderLineId: target!.lineId,
                    quantity: s.units,
                    reasonCode: 'DEFECTIVE',
                    opened: false,
                    damaged: false,
                    missingParts: false,
                  },
                ],
              });
              if (!created.ok) {
                expect(created.error.code).toBe('QUANTITY_EXCEEDS_REMAINING');
                continue;
              }
              const detail = await run.ok('clerk', 'returns.get', {
                returnId: created.data.returnId,
              });
              const returnLine = detail.lines[0]!;
              const request = await run.call('clerk', 'refunds.request', {
                id: randomUUID(),
                returnId: detail.id,
                ...(s.lower === undefined
                  ? {}
                  : {
                      lines: [{ returnLineId: returnLine.id, totalMinor: s.lower }],
                      adjustmentReason: 'customer agreed to less',
                    }),
              });
              if (!request.ok)
                expect(['REFUND_EXCEEDS_PAID', 'INVALID_INPUT']).toContain(request.error.code);
            }
            expect(live()).toBeLessThanOrEqual(paid);
          }
        } finally {
          run.close();
        }
      }),
      { numRuns: 12, endOnFailure: true },
    );
  }, 120_000);

  it('refunds exactly what was paid once every unit came back in full, one unit at a time', async () => {
    const t = await testBackend({ storeCode: 'NY01' });
    try {
      await t.signIn('clerk', 'clerk.ny01', t.secrets.clerk);
      const [target] = t.query<{ orderId: string; lineId: string; quantity: number }>(
        `SELECT l.order_id AS orderId, l.id AS lineId, l.quantity FROM order_lines l JOIN orders o ON o.id = l.order_id
          WHERE o.marketplace = 'US' AND o.status = 'Delivered' AND o.delivered_at >= '2026-11-01'
            AND l.quantity >= 2 AND l.category NOT IN ('software', 'books_media')
          ORDER BY o.purchased_at DESC LIMIT 1`,
      );
      const line = (await t.ok('clerk', 'orders.get', { orderId: target!.orderId })).lines.find(
        (l) => l.id === target!.lineId,
      )!;
      for (let unit = 0; unit < line.quantity; unit++) {
        const created = await t.ok('clerk', 'returns.create', {
          id: randomUUID(),
          orderId: target!.orderId,
          lines: [
            {
              id: randomUUID(),
              orderLineId: line.id,
              quantity: 1,
              reasonCode: 'DEFECTIVE',
              opened: false,
              damaged: false,
              missingParts: false,
            },
          ],
        });
        await t.ok('clerk', 'refunds.request', { id: randomUUID(), returnId: created.returnId });
      }
      const after = (await t.ok('clerk', 'orders.get', { orderId: target!.orderId })).lines.find(
        (l) => l.id === line.id,
      )!;
      expect(after.returnedQuantity).toBe(line.quantity);
      expect(after.refundedOrRequested.amountMinor).toBe(line.paid.amountMinor);
    } finally {
      t.close();
    }
  });
});
