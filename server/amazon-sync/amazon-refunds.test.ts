import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_COLUMNS } from '../amazon/client/report-types';
import { amazonRefundEvents } from '../database/schema';
import { deliveredOrders } from '../refunds/testing';
import { readRow } from '../sync/sync-rows';
import { ENGINES, startTestBackOffice, type TestBackOffice } from '../testing/engines';
import { publishAmazonRefunds } from './amazon-refunds';
import { ingestReturnsReport } from './returns-ingest';

const TYPE = 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE' as const;
const columns = REPORT_COLUMNS[TYPE];

describe.each(ENGINES)('Amazon’s own refunds reach the counters, on %s', (engine) => {
  let bo: TestBackOffice;
  beforeAll(async () => {
    bo = await startTestBackOffice(engine);
  });
  afterAll(() => bo?.stop());

  it('publishes per order line what Amazon refunded by itself: the larger of its events and its returns report, never both', async () => {
    const delivered = (await deliveredOrders(bo.db)).filter((o) => o.order.currency === 'USD');
    const [order, other] = delivered;
    const line = order!.lines[0]!;
    const amazonOrderId = order!.order.amazonOrderId;
    // A return through Amazon (not one of ours) refunded 12.99 in the returns report…
    const fields: Record<string, string> = {
      'Order ID': amazonOrderId,
      'Merchant SKU': line.sku,
      'Return quantity': '1',
      'Return request status': 'Refunded',
      'Refunded Amount': '12.99',
    };
    const report =
      [columns.join('\t'), columns.map((c) => fields[c] ?? '').join('\t')].join('\n') + '\n';
    await ingestReturnsReport(bo.db, {
      reportId: 'R-amz',
      reportType: TYPE,
      text: report,
      now: new Date(),
    });
    // …and the same refund seen in financial events as 12.50 (no request of ours).
    await bo.db.insert(amazonRefundEvents).values({
      key: `${amazonOrderId}|${line.orderItemId}|evt`,
      amazonOrderId,
      orderItemId: line.orderItemId,
      amazonAdjustmentId: null,
      currency: order!.order.currency,
      charges: { Principal: -1250 },
      totalMinor: -1250,
      postedAt: '2026-11-20T10:00:00Z',
      refundRequestId: null,
      seenAt: new Date(),
    });
    expect(await publishAmazonRefunds(bo.db, [amazonOrderId], new Date())).toBe(1);
    const row = await readRow(bo.db, 'amazonRefunds', line.id);
    expect(row?.data).toMatchObject({
      id: line.id,
      refundedMinor: 1299,
      currency: order!.order.currency,
    });
    // An order Amazon refunded nothing of publishes nothing.
    expect(await publishAmazonRefunds(bo.db, [other!.order.amazonOrderId], new Date())).toBe(0);
  });
});
