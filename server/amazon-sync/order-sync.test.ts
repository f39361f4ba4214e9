import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimitRegistry } from '../amazon/rate-limit/registry';
import {
  clientForSimulator,
  startAmazonSimulator,
  type AmazonSimulator,
} from '../amazon/simulator';
import {
  amazonJobCursors,
  amazonQuarantine,
  amazonSettlementLines,
  orderLines,
  orderPurges,
  orders,
} from '../database/schema';
import { readRow } from '../sync/sync-rows';
import { ENGINES, startTestBackOffice, type TestBackOffice } from '../testing/engines';
import {
  parseSettlementReport,
  purgeBuyerData,
  runRefundEventsJob,
  runReturnsReportJob,
  runSettlementJob,
} from './jobs';
import { ORDER_SYNC_JOB, OrderSync } from './order-sync';
import { RefundExecutor } from '../refunds/executor';
import { deliveredOrders, insertApprovedRefund } from '../refunds/testing';
import { amazonRefundEvents, refundExecutions } from '../database/schema';
import { SIMULATOR_CREDENTIALS } from '../amazon/simulator';

const TIME_SCALE = 600;

describe.each(ENGINES)('Amazon order sync and jobs on %s', (engine) => {
  let bo: TestBackOffice;
  let sim: AmazonSimulator;
  const client = () =>
    clientForSimulator(sim, {
      rateLimits: new RateLimitRegistry({ clock: sim.clock }),
      backoff: { baseMs: 50, capMs: 200 },
      timeoutMs: 10_000,
    });
  const sync = () =>
    new OrderSync({
      db: bo.db,
      client: client(),
      now: () => sim.clock.now(),
      reportPoll: { intervalMs: 50, timeoutMs: 30_000 },
    });
  const simOrder = async (body: Record<string, unknown> = {}) => {
    const res = await fetch(`${sim.url}/_sim/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { order: { orderId: string } }).order.orderId;
  };
  const held = async (amazonOrderId: string) =>
    (await bo.db.select().from(orders).where(eq(orders.amazonOrderId, amazonOrderId)))[0];
  /** Lets sim time pass beyond searchOrders' two-minute "before" margin. */
  const simMinutes = (m: number) => new Promise((r) => setTimeout(r, (m * 60_000) / TIME_SCALE));

  beforeAll(async () => {
    bo = await startTestBackOffice(engine);
    sim = await startAmazonSimulator({
      timeScale: TIME_SCALE,
      ordersReferenceTime: bo.demoReferenceDay!,
      timings: { reportProcessingMs: 1_000 },
    });
  });
  afterAll(async () => {
    await sim?.close();
    await bo?.stop();
  });

  it('back-fills from the all-orders report (getOrder only for orders new to us), then picks up a new order by searchOrders; the cursor outlives the process', async () => {
    const before = await simOrder({ marketplace: 'US' });
    const first = await sync().runOnce();
    expect(first.phase).toBe('backfill');
    expect(first.seen).toBeGreaterThan(100);
    // The demo orders are ours already: only the new one costs a getOrder.
    expect(sim.served.getOrder ?? 0).toBe(first.enriched);
    expect(first.enriched).toBeGreaterThanOrEqual(1);
    expect(first.enriched).toBeLessThan(first.seen / 5);
    expect(sim.served.createReport).toBe(1);
    const backfilled = await held(before);
    expect(backfilled?.marketplace).toBe('US');
    const lines = await bo.db
      .select()
      .from(orderLines)
      .where(eq(orderLines.orderId, backfilled!.id));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]!.orderItemId).toBeTruthy();
    // Published to desktops like the demo orders: by marketplace.
    const row = await readRow(bo.db, 'orders', backfilled!.id);
    expect(row?.data).toMatchObject({ amazonOrderId: before, marketplace: 'US' });
    expect(await readRow(bo.db, 'orderLines', lines[0]!.id)).toBeTruthy();

    // A restart: a new job object and client on the same database resumes incrementally.
    const later = await simOrder({ marketplace: 'UK', status: 'Delivered' });
    await simMinutes(3);
    const second = await sync().runOnce();
    expect(second.phase).toBe('incremental');
    expect(sim.served.createReport).toBe(1);
    const found = await held(later);
    expect(found?.marketplace).toBe('UK');
    // Its package is DELIVERED: delivered as of Amazon's last update of the order.
    expect(found?.status).toBe('Delivered');
    expect(found?.deliveredAt).toBeTruthy();
    expect((await readRow(bo.db, 'orders', found!.id))?.data).toMatchObject({
      amazonOrderId: later,
      buyerName: expect.any(String),
    });
    const [cursor] = await bo.db
      .select()
      .from(amazonJobCursors)
      .where(eq(amazonJobCursors.job, ORDER_SYNC_JOB));
    expect(cursor!.cursor).toMatchObject({ phase: 'incremental' });
    expect(cursor!.lastError).toBeNull();

    // Nothing changed at Amazon: nothing is republished.
    const third = await sync().runOnce();
    expect(third.upserted).toBe(0);
  });

  it('an unknown enum value is stored as Amazon wrote it; an order missing a required field is quarantined and the sync goes on', async () => {
    const odd = await simOrder({
      status: 'Unshipped',
      overrides: { fulfillment: { fulfillmentStatus: 'IN_ORBIT', fulfilledBy: 'MERCHANT' } },
    });
    const broken = await simOrder({ overrides: { orderItems: null } });
    const normal = await simOrder({ marketplace: 'DE' });
    await simMinutes(3);
    const run = await sync().runOnce();
    expect(run.quarantined).toBeGreaterThanOrEqual(1);
    expect((await held(odd))?.status).toBe('IN_ORBIT');
    expect(await held(broken)).toBeUndefined();
    expect((await held(normal))?.marketplace).toBe('DE');
    const quarantined = await bo.db
      .select()
      .from(amazonQuarantine)
      .where(eq(amazonQuarantine.source, 'orders'));
    expect(quarantined.some((q) => JSON.stringify(q.raw).includes(broken))).toBe(true);
    expect(quarantined.find((q) => JSON.stringify(q.raw).includes(broken))!.reason).toMatch(
      /orderItems/,
    );
  });

  it('purges buyer data of orders delivered more than N days ago and republishes them (recent orders keep theirs); a later sync keeps them blank', async () => {
    const now = sim.clock.now();
    const result = await purgeBuyerData(bo.db, { now: () => now, days: 30, batch: 100_000 });
    expect(result.purged).toBeGreaterThan(0);
    const [purged] = await bo.db
      .select({ order: orders })
      .from(orderPurges)
      .innerJoin(orders, eq(orders.id, orderPurges.orderId))
      .limit(1);
    const order = purged!.order;
    expect(Date.parse(order.deliveredAt ?? order.purchasedAt)).toBeLessThan(now - 30 * 86_400_000);
    expect([order.buyerName, order.buyerEmail, order.buyerPhoneLast4]).toEqual(['', '', '']);
    expect((await readRow(bo.db, 'orders', order.id))?.data).toMatchObject({
      buyerName: '',
      buyerEmail: '',
      buyerPhoneLast4: '',
    });
    const recent = await bo.db
      .select()
      .from(orders)
      .where(eq(orders.amazonOrderId, order.amazonOrderId));
    expect(recent[0]!.buyerName).toBe('');
    expect((await purgeBuyerData(bo.db, { now: () => now, days: 30 })).purged).toBe(0);
    // Amazon changes the order later: the sync updates it but keeps the buyer blank.
    const atAmazon = sim.state.orders.get(order.amazonOrderId)!;
    atAmazon.lastUpdatedMs = sim.clock.now() - 3 * 60_000;
    atAmazon.overrides = { recipient: { deliveryAddress: { city: 'Elsewhere' } } };
    await sync().runOnce();
    const resynced = await held(order.amazonOrderId);
    expect(resynced!.shipCity).toBe('Elsewhere');
    expect([resynced!.buyerName, resynced!.buyerEmail]).toEqual(['', '']);
    // Recent orders keep their buyer.
    const kept = await bo.db.select().from(orders).where(eq(orders.marketplace, 'US'));
    expect(kept.some((o) => o.buyerName !== '')).toBe(true);
  });

  it('refund events of the orders we refunded are ingested and matched to our request', async () => {
    const pool = (await deliveredOrders(bo.db)).filter(
      (o) => sim.state.orders.has(o.order.amazonOrderId) && o.order.marketplace === 'US',
    );
    const target = pool.at(-1)!;
    const { request } = await insertApprovedRefund(bo.db, target, { lines: [{ index: 0 }] });
    const executor = new RefundExecutor({
      db: bo.db,
      client: client(),
      merchantId: SIMULATOR_CREDENTIALS.sellerId,
      now: () => sim.clock.now(),
    });
    for (let i = 0; i < 40; i++) {
      await executor.runCycle();
      const [e] = await bo.db
        .select()
        .from(refundExecutions)
        .where(eq(refundExecutions.refundRequestId, request.id));
      if (e?.state === 'refunded' && e.amazonAdjustmentId) break;
      await new Promise((r) => setTimeout(r, 150));
    }
    const result = await runRefundEventsJob(bo.db, client(), { now: () => sim.clock.now() });
    expect(result.events).toBeGreaterThanOrEqual(1);
    const events = await bo.db
      .select()
      .from(amazonRefundEvents)
      .where(eq(amazonRefundEvents.amazonOrderId, target.order.amazonOrderId));
    expect(events).toHaveLength(1);
    expect(events[0]!.refundRequestId).toBe(request.id);
    expect(events[0]!.totalMinor).toBeLessThan(0);
    // Read again: still one row per event.
    await runRefundEventsJob(bo.db, client(), { now: () => sim.clock.now() });
    expect(
      await bo.db
        .select()
        .from(amazonRefundEvents)
        .where(eq(amazonRefundEvents.amazonOrderId, target.order.amazonOrderId)),
    ).toHaveLength(1);
  });

  it('settlement reports found with getReports are ingested once; returns report job runs', async () => {
    // Five reports a run; the rest wait for the next.
    const run = () =>
      runSettlementJob(bo.db, client(), { now: () => sim.clock.now(), maxReports: 5 });
    const first = await run();
    expect(first.reports).toBeGreaterThan(0);
    expect(first.reports).toBeLessThanOrEqual(5);
    let lines = first.lines;
    for (let i = 0; i < 30; i++) {
      const next = await run();
      lines += next.lines;
      if (next.reports === 0) break;
    }
    expect((await bo.db.select().from(amazonSettlementLines)).length).toBe(lines);
    expect((await run()).reports).toBe(0);
    const returns = await runReturnsReportJob(bo.db, client(), {
      now: () => sim.clock.now(),
      poll: { intervalMs: 50, timeoutMs: 30_000 },
    });
    expect(returns.ingested).toBeGreaterThan(0);
  });
});

describe('settlement report rows', () => {
  it('quarantines a row it cannot read and keeps the rest', () => {
    const header = ['settlement-id', 'currency', 'transaction-type', 'order-id', 'amount'];
    const text = [
      header.join('\t'),
      ['S1', 'USD', 'Order', '111-1111111-1111111', '12.50'].join('\t'),
      ['S1', 'USD', 'Refund', '111-1111111-1111111', 'twelve'].join('\t'),
      ['', 'USD', 'Order', '111-1111111-1111112', '1.00'].join('\t'),
      'S1\tshort',
      ['S1', 'USD', 'SomethingNew', '', '-3.00'].join('\t'),
    ].join('\n');
    const { rows, quarantined } = parseSettlementReport(text);
    expect(rows.map((r) => [r.transactionType, r.amountMinor])).toEqual([
      ['Order', 1250],
      ['SomethingNew', -300],
    ]);
    expect(quarantined.map((q) => q.reason)).toEqual([
      'amount "twelve" is not a decimal',
      'no settlement id',
      'row has 2 fields, header has 5',
    ]);
  });
});
