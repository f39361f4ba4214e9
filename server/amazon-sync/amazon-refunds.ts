import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { decimalToMinor, isKnownCurrency } from '../amazon/client/amounts';
import type { Db } from '../database/client';
import { amazonRefundEvents, amazonReturns, orderLines, orders } from '../database/schema';
import { publishRows, type RowToPublish } from '../sync/sync-rows';
import { withSyncWrite } from '../sync/write-lock';

/**
 * What Amazon refunded of each order line by itself — not through a refund of ours — published
 * to the desktops of the order's marketplace (`amazonRefunds`), so the counter raises
 * ALREADY_REFUNDED before a clerk asks for the same money again (issue #7's double-refund guard
 * across channels; the executor's amount guard stops it again before anything is paid).
 *
 * Two sources, which may describe the same refund, so the larger counts (never their sum):
 * financial events matched to no request of ours, by order item; and returns-report rows not
 * linked to one of our returns, by their "Refunded Amount".
 */
export async function publishAmazonRefunds(
  db: Db,
  amazonOrderIds: readonly string[],
  now: Date,
): Promise<number> {
  const ids = [...new Set(amazonOrderIds)];
  if (ids.length === 0) return 0;
  const lines = await db
    .select({
      id: orderLines.id,
      orderId: orderLines.orderId,
      orderItemId: orderLines.orderItemId,
      amazonOrderId: orders.amazonOrderId,
      marketplace: orders.marketplace,
      currency: orders.currency,
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(inArray(orders.amazonOrderId, ids));
  const events = await db
    .select({
      amazonOrderId: amazonRefundEvents.amazonOrderId,
      orderItemId: amazonRefundEvents.orderItemId,
      totalMinor: amazonRefundEvents.totalMinor,
    })
    .from(amazonRefundEvents)
    .where(
      and(
        inArray(amazonRefundEvents.amazonOrderId, ids),
        isNull(amazonRefundEvents.refundRequestId),
      ),
    );
  const reported = await db
    .select({ orderLineId: amazonReturns.orderLineId, raw: amazonReturns.raw })
    .from(amazonReturns)
    .where(
      and(
        inArray(amazonReturns.amazonOrderId, ids),
        isNull(amazonReturns.returnId),
        isNotNull(amazonReturns.orderLineId),
      ),
    );
  const rows: RowToPublish[] = [];
  for (const line of lines) {
    const fromEvents = events
      .filter((e) => e.amazonOrderId === line.amazonOrderId && e.orderItemId === line.orderItemId)
      .reduce((sum, e) => sum + Math.abs(e.totalMinor), 0);
    let fromReport = 0;
    for (const r of reported.filter((x) => x.orderLineId === line.id)) {
      const amount = r.raw['Refunded Amount']?.trim();
      if (!amount || !isKnownCurrency(line.currency)) continue;
      try {
        fromReport += Math.abs(decimalToMinor(amount, line.currency));
      } catch {
        // An unreadable amount in a report row: that row's refund is not known, not zero.
      }
    }
    const refundedMinor = Math.max(fromEvents, fromReport);
    if (refundedMinor === 0) continue;
    rows.push({
      table: 'amazonRefunds',
      data: {
        id: line.id,
        orderId: line.orderId,
        currency: line.currency,
        refundedMinor,
        updatedAt: now.toISOString(),
      },
      audience: { marketplace: line.marketplace },
    });
  }
  if (rows.length > 0) await withSyncWrite(db, (tx) => publishRows(tx, rows, now));
  return rows.length;
}
