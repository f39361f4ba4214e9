import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildOrderAdjustmentFeed,
  ORDER_ADJUSTMENT_CONTENT_TYPE,
  ORDER_ADJUSTMENT_FEED_TYPE,
  parseProcessingReport,
  SpApiDocumentError,
  SpApiError,
  SpApiProcessingError,
  SpApiTransportError,
  type SpApiClient,
  type SpApiLogEntry,
} from '../client';
import { type Clock } from '../rate-limit/clock';
import { RateLimitRegistry } from '../rate-limit/registry';
import {
  clientForSimulator,
  startAmazonSimulator,
  type AmazonSimulator,
  type FaultRuleInput,
} from '.';

/** Real time for the network, but backoff and bucket waits are recorded and skipped. */
function skippingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, now: () => Date.now(), sleep: (ms) => (sleeps.push(ms), Promise.resolve()) };
}

describe('fault injection, and how the client handles each fault', () => {
  let sim: AmazonSimulator;
  let client: SpApiClient;
  let clock: ReturnType<typeof skippingClock>;
  let log: SpApiLogEntry[];
  let orderId: string;

  beforeAll(async () => {
    sim = await startAmazonSimulator({
      seed: 11,
      orderCount: 120,
      referenceTime: new Date('2026-11-21T12:00:00Z'),
      timeScale: 1000,
      rateLimits: false,
      timings: { reportProcessingMs: 1000, feedProcessingMs: 1000 },
    });
    orderId = [...sim.state.orders.keys()][0] as string;
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.faults.clear();
    clock = skippingClock();
    log = [];
    client = clientForSimulator(sim, {
      rateLimits: new RateLimitRegistry({ clock }),
      backoff: { baseMs: 1000, capMs: 8000, maxAttempts: 4, random: () => 0.5 },
      timeoutMs: 300,
      logger: (e) => log.push(e),
    });
  });
  const inject = async (rule: FaultRuleInput) => {
    const response = await fetch(`${sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules: [rule] }),
    });
    expect(response.status).toBe(201);
  };

  it.each(['throttle', 'server-error', 'unavailable'] as const)(
    '%s is retried with full-jitter backoff, then succeeds',
    async (kind) => {
      await inject({ kind, operation: 'getOrder', count: 2 });
      const order = await client.orders.getOrder(orderId);
      expect(order.orderId).toBe(orderId);
      expect(log.map((e) => [e.status, e.outcome])).toEqual([
        [{ throttle: 429, 'server-error': 500, unavailable: 503 }[kind], 'retry'],
        [{ throttle: 429, 'server-error': 500, unavailable: 503 }[kind], 'retry'],
        [200, 'ok'],
      ]);
      // random() = 0.5 → half of min(cap, base·2^n); a 429 also drains the bucket (2 s at 0.5/s).
      const backoffs = clock.sleeps.filter((ms) => ms === 500 || ms === 1000);
      expect(backoffs).toEqual([500, 1000]);
      expect(log.every((e) => e.requestId !== null)).toBe(true);
    },
  );

  it('gives up after maxAttempts with Amazon’s code, message and request id', async () => {
    await inject({ kind: 'unavailable', operation: 'getOrder', count: 10 });
    const error = await client.orders.getOrder(orderId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiError);
    expect(error).toMatchObject({ status: 503, code: 'ServiceUnavailable', outcomeUnknown: false });
    expect((error as SpApiError).requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(log).toHaveLength(4);
  });

  it('never retries createFeed after a 500: the outcome is unknown', async () => {
    await inject({ kind: 'server-error', operation: 'createFeed', count: 1 });
    const upload = await client.feeds.createFeedDocument(ORDER_ADJUSTMENT_CONTENT_TYPE);
    await client.feeds.uploadFeedDocument(upload, '<x/>', ORDER_ADJUSTMENT_CONTENT_TYPE);
    const error = await client.feeds
      .createFeed({
        feedType: ORDER_ADJUSTMENT_FEED_TYPE,
        marketplaceIds: ['ATVPDKIKX0DER'],
        inputFeedDocumentId: upload.feedDocumentId,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SpApiError', status: 500, outcomeUnknown: true });
    expect(log.filter((e) => e.operation === 'createFeed')).toHaveLength(1);
  });

  it('an expired token (401) triggers one refresh and one retry', async () => {
    await inject({ kind: 'expired-token', operation: 'getOrder', count: 1 });
    await client.orders.getOrder(orderId);
    expect(log.map((e) => [e.status, e.outcome])).toEqual([
      [401, 'refresh-token'],
      [200, 'ok'],
    ]);
    expect((client.tokens as unknown as { refreshCount: number }).refreshCount).toBe(2);
  });

  it('a second 401 in a row is an authorization error, not a loop', async () => {
    await inject({ kind: 'expired-token', operation: 'getOrder', count: 2 });
    await expect(client.orders.getOrder(orderId)).rejects.toMatchObject({
      status: 401,
      code: 'Unauthorized',
    });
  });

  it('a hang is cut by the timeout and retried for a safe operation', async () => {
    await inject({ kind: 'hang', operation: 'getOrder', count: 1, hangMs: 2000 });
    const order = await client.orders.getOrder(orderId);
    expect(order.orderId).toBe(orderId);
    expect(log[0]).toMatchObject({ status: null, outcome: 'retry' });
  });

  it('a hang on createFeed surfaces as a transport error with unknown outcome', async () => {
    await inject({ kind: 'hang', operation: 'createFeed', count: 1, hangMs: 2000 });
    const upload = await client.feeds.createFeedDocument(ORDER_ADJUSTMENT_CONTENT_TYPE);
    await client.feeds.uploadFeedDocument(upload, '<x/>', ORDER_ADJUSTMENT_CONTENT_TYPE);
    const error = await client.feeds
      .createFeed({
        feedType: ORDER_ADJUSTMENT_FEED_TYPE,
        marketplaceIds: ['ATVPDKIKX0DER'],
        inputFeedDocumentId: upload.feedDocumentId,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiTransportError);
    expect(error).toMatchObject({ reason: 'timeout', outcomeUnknown: true });
  });

  async function doneReportDocument() {
    const reportId = await client.reports.createReport({
      reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
      marketplaceIds: ['ATVPDKIKX0DER'],
      dataStartTime: '2026-07-01T00:00:00Z',
    });
    await new Promise((r) => setTimeout(r, 5));
    const report = await client.reports.waitForReport(reportId, { intervalMs: 1 });
    return client.reports.getReportDocument(report.reportDocumentId!);
  }

  it('a good gzip report document decodes', async () => {
    const text = await client.reports.downloadReportDocument(await doneReportDocument());
    expect(text.split('\n')[0]).toMatch(/^amazon-order-id\tmerchant-order-id/);
  });

  it.each([
    ['truncate-document', 'truncated'],
    ['corrupt-document', 'corrupt'],
  ] as const)('%s surfaces as a typed document error (%s)', async (kind, problem) => {
    const doc = await doneReportDocument();
    await inject({ kind, operation: 'document', count: 1 });
    const error = await client.reports.downloadReportDocument(doc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiDocumentError);
    expect(error).toMatchObject({ problem });
  });

  async function submitRefundFeed() {
    const order = [...sim.state.orders.values()].find((o) => o.demo.status === 'Delivered')!;
    const line = order.demo.lines[0]!;
    const feed = buildOrderAdjustmentFeed('M', [
      {
        refundRequestId: `req-${Math.random()}`,
        amazonOrderId: order.demo.amazonOrderId,
        orderItemId: line.orderItemId,
        currency: order.demo.currency,
        components: { principal: 1 },
      },
    ]);
    const upload = await client.feeds.createFeedDocument(ORDER_ADJUSTMENT_CONTENT_TYPE);
    await client.feeds.uploadFeedDocument(upload, feed.xml, ORDER_ADJUSTMENT_CONTENT_TYPE);
    const feedId = await client.feeds.createFeed({
      feedType: ORDER_ADJUSTMENT_FEED_TYPE,
      marketplaceIds: [order.demo.marketplaceId],
      inputFeedDocumentId: upload.feedDocumentId,
    });
    await new Promise((r) => setTimeout(r, 5));
    return { feed, feedId };
  }

  it('feed-fatal: waitForFeed throws with the result document, whose report rejects all', async () => {
    await inject({ kind: 'feed-fatal', count: 1 });
    const { feed, feedId } = await submitRefundFeed();
    const error = await client.feeds
      .waitForFeed(feedId, { intervalMs: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiProcessingError);
    const documentId = (error as SpApiProcessingError).documentId!;
    const report = await client.feeds.downloadFeedDocument(
      await client.feeds.getFeedDocument(documentId),
    );
    expect(parseProcessingReport(report, feed).items.map((i) => i.outcome)).toEqual(['rejected']);
  });

  it('feed-item-error: DONE, but the item is rejected with Amazon’s message', async () => {
    const before = sim.ledger.all().length;
    await inject({ kind: 'feed-item-error', count: 1 });
    const { feed, feedId } = await submitRefundFeed();
    const done = await client.feeds.waitForFeed(feedId, { intervalMs: 1 });
    const report = await client.feeds.downloadFeedDocument(
      await client.feeds.getFeedDocument(done.resultFeedDocumentId!),
    );
    const [item] = parseProcessingReport(report, feed).items;
    expect(item).toMatchObject({ outcome: 'rejected', messages: [{ code: '8001' }] });
    expect(sim.ledger.all().length).toBe(before);
  });

  it('probability rules are reproducible by seed', async () => {
    await inject({ kind: 'throttle', operation: 'getOrder', probability: 0.5, seed: 42 });
    for (let i = 0; i < 6; i++) await client.orders.getOrder(orderId);
    const firstRun = sim.faults.fired.filter((f) => f.kind === 'throttle').length;
    expect(firstRun).toBeGreaterThan(0);
    expect(firstRun).toBeLessThan(log.length);
  });

  it('Amazon errors map to SpApiError with code and message (404 for an unknown order)', async () => {
    const error = await client.orders.getOrder('999-0000000-0000000').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SpApiError', status: 404, code: 'NotFound' });
    expect((error as Error).message).toMatch(/Order 999-0000000-0000000 not found/);
  });
});

describe('simulator rate limits', () => {
  it('answers 429 with x-amzn-RateLimit-Limit once the burst is spent', async () => {
    const sim = await startAmazonSimulator({
      orderCount: 20,
      referenceTime: new Date('2026-11-21T12:00:00Z'),
    });
    try {
      const client = clientForSimulator(sim);
      const token = await client.tokens.getAccessToken();
      const raw = () =>
        fetch(
          `${sim.url}/reports/2021-06-30/reports?reportTypes=GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2`,
          {
            headers: { 'x-amz-access-token': token },
          },
        );
      const statuses: number[] = [];
      let limitHeader: string | null = null;
      for (let i = 0; i < 11; i++) {
        const response = await raw();
        statuses.push(response.status);
        limitHeader = response.headers.get('x-amzn-ratelimit-limit');
      }
      expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true); // burst 10
      expect(statuses[10]).toBe(429);
      expect(limitHeader).toBe('0.0222');
    } finally {
      await sim.close();
    }
  });
});
