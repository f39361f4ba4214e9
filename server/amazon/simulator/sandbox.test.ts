import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amazonConnectionFromEnv, SpApiError, type SpApiClient } from '../client';
import { clientForSimulator, startAmazonSimulator, type AmazonSimulator } from '.';

/** The client against Amazon's fixed static-sandbox examples, served offline. */
describe('static sandbox mode', () => {
  let sim: AmazonSimulator;
  let client: SpApiClient;
  beforeAll(async () => {
    sim = await startAmazonSimulator({ mode: 'sandbox', orderCount: 0 });
    client = clientForSimulator(sim, { backoff: { maxAttempts: 1 } });
  });
  afterAll(() => sim.close());

  it('getOrder matches the model’s example and parses', async () => {
    const order = await client.orders.getOrder('114-9876543-1234567', [
      'RECIPIENT',
      'PROCEEDS',
      'FULFILLMENT',
    ]);
    expect(order.orderId).toBe('114-9876543-1234567');
    expect(order.orderItems[0]?.proceeds?.proceedsTotal).toEqual({
      amount: '49.99',
      currencyCode: 'USD',
    });
  });

  it('reports and feeds examples parse', async () => {
    expect((await client.reports.getReport('ID323')).processingStatus).toBeDefined();
    const doc = await client.reports.getReportDocument('0356cf79-b8b0-4226-b4b9-0ee058ea5760');
    expect(doc.url).toMatch(/^https:/);
    expect((await client.feeds.getFeed('feedId1')).feedId).toBe('FeedId1');
    const upload = await client.feeds.createFeedDocument(
      'text/tab-separated-values; charset=UTF-8',
    );
    expect(upload.feedDocumentId).toBe('3d4e42b5-1d6e-44e8-a89c-2abfca0625bb');
  });

  it('the error examples come back as typed errors', async () => {
    const error = await client.orders.getOrder('TEST_CASE_400', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiError);
    expect(error).toMatchObject({ status: 400, code: 'InvalidInput' });
  });
});

describe('amazonConnectionFromEnv', () => {
  const creds = {
    RETURNDESK_LWA_CLIENT_ID: 'id',
    RETURNDESK_LWA_CLIENT_SECRET: 'secret',
    RETURNDESK_LWA_REFRESH_TOKEN: 'Atzr|x',
  };
  it('no credentials → the simulator; all three → Amazon, live or sandbox, per region', () => {
    expect(amazonConnectionFromEnv({})).toEqual({ kind: 'simulator' });
    expect(amazonConnectionFromEnv({ ...creds, RETURNDESK_SPAPI_REGION: 'eu' })).toMatchObject({
      kind: 'amazon',
      endpoint: 'https://sellingpartnerapi-eu.amazon.com',
      sandbox: false,
    });
    expect(
      amazonConnectionFromEnv({
        ...creds,
        RETURNDESK_SPAPI_REGION: 'fe',
        RETURNDESK_SPAPI_SANDBOX: '1',
      }),
    ).toMatchObject({
      endpoint: 'https://sandbox.sellingpartnerapi-fe.amazon.com',
      sandbox: true,
      lwa: { tokenUrl: 'https://api.amazon.com/auth/o2/token' },
    });
  });
  it('half-configured credentials or an unknown region are errors, not a silent fallback', () => {
    expect(() => amazonConnectionFromEnv({ RETURNDESK_LWA_CLIENT_ID: 'id' })).toThrow(/all of/);
    expect(() => amazonConnectionFromEnv({ ...creds, RETURNDESK_SPAPI_REGION: 'mars' })).toThrow(
      /na, eu or fe/,
    );
  });
});
