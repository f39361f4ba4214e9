import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildOrderAdjustmentFeed,
  ORDER_ADJUSTMENT_CONTENT_TYPE,
  ORDER_ADJUSTMENT_FEED_TYPE,
  parseProcessingReport,
  type RefundAdjustment,
  type SpApiClient,
} from '../client';
import { MARKETPLACES } from '../../../shared/domain/marketplaces';
import { clientForSimulator, startAmazonSimulator, type AmazonSimulator } from '.';

/**
 * The client against the simulator over real HTTP, every operation once or more; afterwards no
 * request may have failed validation against the official models, nor any response.
 */
describe('client ↔ simulator, every operation', () => {
  let sim: AmazonSimulator;
  let client: SpApiClient;
  const referenceTime = new Date('2026-11-21T12:00:00Z');

  beforeAll(async () => {
    sim = await startAmazonSimulator({
      seed: 7,
      orderCount: 250,
      referenceTime,
      timeScale: 1000,
      timings: { reportProcessingMs: 20_000, feedProcessingMs: 30_000 },
    });
    client = clientForSimulator(sim, { rateLimits: undefined });
  });
  afterAll(() => sim.close());

  const pollFast = { intervalMs: 50, timeoutMs: 3600_000 };

  it('searchOrders pages incrementally and getOrder agrees', async () => {
    const seen: string[] = [];
    for await (const page of client.orders.searchOrderPages({
      marketplaceIds: [MARKETPLACES.US.id, MARKETPLACES.DE.id],
      lastUpdatedAfter: '2026-10-01T00:00:00Z',
      maxResultsPerPage: 20,
    })) {
      seen.push(...page.orders.map((o) => o.orderId));
    }
    const expected = [...sim.state.orders.values()].filter(
      (o) =>
        ([MARKETPLACES.US.id, MARKETPLACES.DE.id] as string[]).includes(o.demo.marketplaceId) &&
        o.lastUpdatedMs >= Date.parse('2026-10-01T00:00:00Z'),
    );
    expect(seen.length).toBe(expected.length);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(20);
    const order = await client.orders.getOrder(seen[0] as string);
    expect(order.orderId).toBe(seen[0]);
    expect(order.orderItems.length).toBeGreaterThan(0);
  });

  it('requests, polls and reads every requestable report (gzip TSV)', async () => {
    for (const reportType of [
      'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
      'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE',
      'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA',
    ] as const) {
      const report = await client.reports.requestFlatFileReport(
        {
          reportType,
          marketplaceIds: [MARKETPLACES.US.id],
          dataStartTime: '2026-08-01T00:00:00Z',
          dataEndTime: '2026-11-21T00:00:00Z',
        },
        pollFast,
      );
      expect(report.rows.length, reportType).toBeGreaterThan(0);
    }
  });

  it('lists settlement reports with getReports and reads one', async () => {
    const { reports } = await client.reports.getReports({
      reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2'],
      marketplaceIds: [MARKETPLACES.US.id],
      processingStatuses: ['DONE'],
    });
    expect(reports.length).toBeGreaterThan(2);
    const flat = await client.reports.readFlatFileReport(reports[0]!);
    expect(flat.columns).toContain('merchant-adjustment-item-id');
  });

  it('submits a refund feed, reads the processing report, and the ledger and finances show it once', async () => {
    const order = [...sim.state.orders.values()].find(
      (o) =>
        o.demo.status === 'Delivered' && o.demo.fulfillment === 'MFN' && o.demo.lines.length >= 1,
    )!;
    const line = order.demo.lines[0]!;
    const refund: RefundAdjustment = {
      refundRequestId: '0193a000-0000-7000-8000-000000000001',
      amazonOrderId: order.demo.amazonOrderId,
      orderItemId: line.orderItemId,
      currency: order.demo.currency,
      quantity: 1,
      components: { principal: Math.min(1000, line.unitPriceMinor), tax: 0 },
    };
    const submit = async (adjustments: RefundAdjustment[]) => {
      const feed = buildOrderAdjustmentFeed('SIMULATED_MERCHANT', adjustments);
      const upload = await client.feeds.createFeedDocument(ORDER_ADJUSTMENT_CONTENT_TYPE);
      await client.feeds.uploadFeedDocument(upload, feed.xml, ORDER_ADJUSTMENT_CONTENT_TYPE);
      const feedId = await client.feeds.createFeed({
        feedType: ORDER_ADJUSTMENT_FEED_TYPE,
        marketplaceIds: [order.demo.marketplaceId],
        inputFeedDocumentId: upload.feedDocumentId,
      });
      const done = await client.feeds.waitForFeed(feedId, pollFast);
      const doc = await client.feeds.getFeedDocument(done.resultFeedDocumentId!);
      return parseProcessingReport(await client.feeds.downloadFeedDocument(doc), feed);
    };
    const first = await submit([refund]);
    expect(first.items).toEqual([
      expect.objectContaining({ refundRequestId: refund.refundRequestId, outcome: 'accepted' }),
    ]);

    const again = await submit([refund]);
    expect(again.items[0]).toMatchObject({ outcome: 'rejected' });
    expect(again.items[0]?.messages[0]?.description).toMatch(/Duplicate MerchantAdjustmentItemID/);

    const tooMuch = await submit([
      {
        ...refund,
        refundRequestId: '0193a000-0000-7000-8000-000000000002',
        components: { principal: line.unitPriceMinor * line.quantity },
      },
    ]);
    expect(tooMuch.items[0]).toMatchObject({ outcome: 'rejected' });
    expect(tooMuch.items[0]?.messages[0]?.description).toMatch(/exceeds the amount paid/);

    const applied = sim.ledger.all().filter((e) => e.amazonOrderId === order.demo.amazonOrderId);
    expect(applied).toHaveLength(1);
    expect(applied[0]?.refundedMinor).toBe(refund.components.principal);

    const refunded = await client.finances.refundedLines(order.demo.amazonOrderId);
    expect(refunded).toEqual([
      expect.objectContaining({
        orderItemId: line.orderItemId,
        totalMinor: -(refund.components.principal ?? 0),
      }),
    ]);
  });

  it('sent only requests that validate against the official models, and got valid responses', () => {
    const operations = new Set(sim.validations.map((v) => v.operation));
    expect([...operations].sort()).toEqual(
      [
        'createFeed',
        'createFeedDocument',
        'createReport',
        'getFeed',
        'getFeedDocument',
        'getOrder',
        'getReport',
        'getReportDocument',
        'getReports',
        'listFinancialEventsByOrderId',
        'searchOrders',
      ].sort(),
    );
    expect(sim.validations.filter((v) => v.requestErrors.length > 0)).toEqual([]);
    expect(sim.validations.filter((v) => v.responseErrors.length > 0)).toEqual([]);
    expect(sim.validations.filter((v) => v.status >= 400)).toEqual([]);
  });
});
