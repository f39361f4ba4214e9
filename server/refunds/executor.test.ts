import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimitRegistry } from '../amazon/rate-limit/registry';
import {
  SIMULATOR_CREDENTIALS,
  clientForSimulator,
  startAmazonSimulator,
  type AmazonSimulator,
} from '../amazon/simulator';
import { linePaid } from '../amazon/simulator/order-json';
import { refundExecutions, refundFeeds, reviewFlags } from '../database/schema';
import { ENGINES, startTestBackOffice, type TestBackOffice } from '../testing/engines';
import { readRow } from '../sync/sync-rows';
import { RefundExecutor } from './executor';
import { deliveredOrders, insertApprovedRefund, type OrderWithLines } from './testing';

const TIME_SCALE = 600;

describe.each(ENGINES)('refund executor on %s', (engine) => {
  let bo: TestBackOffice;
  let sim: AmazonSimulator;
  let pool: OrderWithLines[];
  const take = (marketplace: string, fits: (o: OrderWithLines) => boolean = () => true) => {
    const i = pool.findIndex((o) => o.order.marketplace === marketplace && fits(o));
    if (i < 0) throw new Error(`no order left for ${marketplace}`);
    return pool.splice(i, 1)[0]!;
  };
  const executor = (options: { timeoutMs?: number } = {}) => {
    const client = clientForSimulator(sim, {
      rateLimits: new RateLimitRegistry({ clock: sim.clock }),
      backoff: { baseMs: 200, capMs: 2_000 },
      timeoutMs: options.timeoutMs ?? 10_000,
    });
    return new RefundExecutor({
      db: bo.db,
      client,
      merchantId: SIMULATOR_CREDENTIALS.sellerId,
      now: () => sim.clock.now(),
    });
  };
  /** Cycles until nothing is in flight (sim feeds take 60 s of sim time = 0.1 s here). */
  const settle = async (ex: RefundExecutor, cycles = 30) => {
    for (let i = 0; i < cycles; i++) {
      await ex.runCycle();
      const open = await bo.db.select().from(refundExecutions);
      if (open.every((e) => ['refunded', 'rejected', 'review'].includes(e.state))) return;
      await new Promise((r) => setTimeout(r, 150));
    }
  };
  const statusOf = async (id: string) =>
    (await readRow(bo.db, 'refundRequests', id))!.data as Record<string, unknown>;

  beforeAll(async () => {
    bo = await startTestBackOffice(engine);
    sim = await startAmazonSimulator({
      timeScale: TIME_SCALE,
      ordersReferenceTime: bo.demoReferenceDay!,
    });
    pool = (await deliveredOrders(bo.db)).filter((o) =>
      sim.state.orders.has(o.order.amazonOrderId),
    );
  });
  afterAll(async () => {
    await sim?.close();
    await bo?.stop();
  });

  it('the simulator has the back office’s demo orders (same amazonOrderIds)', () => {
    expect(pool.length).toBeGreaterThan(100);
  });

  it('batches approved refunds into one feed per marketplace; accepted → refunded with Amazon’s adjustment id', async () => {
    const a = await insertApprovedRefund(bo.db, take('US'), { lines: [{ index: 0 }] });
    const b = await insertApprovedRefund(bo.db, take('US'), { lines: [{ index: 0 }] });
    const c = await insertApprovedRefund(bo.db, take('UK'), { lines: [{ index: 0 }] });
    const pendingOffline = await insertApprovedRefund(bo.db, take('US'), {
      lines: [{ index: 0 }],
      unconfirmed: true,
    });
    const ex = executor();
    const first = await ex.runCycle();
    expect(first.submittedFeeds).toBe(2);
    expect((await statusOf(a.request.id)).status).toBe('submitted');
    await settle(ex);
    await ex.runCycle(); // links adjustment ids from the financial events
    for (const r of [a, b, c]) {
      const row = await statusOf(r.request.id);
      expect(row.status).toBe('refunded');
      expect(row.amazonAdjustmentId).toMatch(/^adj-/);
    }
    expect((await statusOf(pendingOffline.request.id)).status).toBe('approved');
    const applied = sim.ledger.all().map((e) => e.merchantAdjustmentItemId);
    expect(applied).toEqual(expect.arrayContaining([a.request.id, b.request.id, c.request.id]));
    expect(applied).not.toContain(pendingOffline.request.id);
  });

  it('amount guard: refuses what would pay more than was paid (Amazon’s own refund counted), never submits it', async () => {
    const order = take('US', (o) => o.lines[0]!.quantity >= 2);
    const line = order.lines[0]!;
    const demoLine = sim.state.orders
      .get(order.order.amazonOrderId)!
      .demo.lines.find((l) => l.orderItemId === line.orderItemId)!;
    // Amazon refunded half the principal on its own (e.g. an A-to-z claim).
    const half = Math.floor(linePaid(demoLine).Principal / 2);
    sim.state.ledger.apply(
      {
        merchantAdjustmentItemId: 'amazon-own-1',
        amazonOrderId: order.order.amazonOrderId,
        orderItemId: line.orderItemId,
        currency: order.order.currency,
        components: { Principal: half + 1 },
        feedId: 'amazon',
        appliedAtMs: sim.clock.now(),
      },
      linePaid(demoLine),
    );
    const whole = await insertApprovedRefund(bo.db, order, { lines: [{ index: 0 }] });
    // Two of ours in one cycle that together exceed the line: the second is refused.
    const other = take('US', (o) => o.lines[0]!.quantity >= 2);
    const one = await insertApprovedRefund(bo.db, other, {
      lines: [{ index: 0, units: other.lines[0]!.quantity }],
    });
    const again = await insertApprovedRefund(bo.db, other, { lines: [{ index: 0, units: 1 }] });
    const ex = executor();
    const summary = await ex.runCycle();
    expect(summary.refused).toBe(2);
    const refused = await statusOf(whole.request.id);
    expect(refused.status).toBe('rejected');
    expect(String(refused.rejectionReason)).toMatch(/more than was paid/);
    expect((await statusOf(again.request.id)).status).toBe('rejected');
    await settle(ex);
    expect((await statusOf(one.request.id)).status).toBe('refunded');
    const ids = sim.ledger.all().map((e) => e.merchantAdjustmentItemId);
    expect(ids).not.toContain(whole.request.id);
    expect(ids).not.toContain(again.request.id);
  });

  it('createFeed times out but Amazon applied it: found with getFeeds, read from its report, never resubmitted', async () => {
    const r = await insertApprovedRefund(bo.db, take('DE'), { lines: [{ index: 0 }] });
    const createFeedsBefore = sim.served.createFeed ?? 0;
    sim.faults.add({ kind: 'applied-then-hang', operation: 'createFeed', count: 1, hangMs: 3_000 });
    const ex = executor({ timeoutMs: 1_000 });
    const first = await ex.runCycle();
    expect(first.unknown).toBe(1);
    const [feed] = await bo.db.select().from(refundFeeds).where(eq(refundFeeds.phase, 'unknown'));
    expect(feed?.feedDocumentId).toBeTruthy();
    expect(feed?.feedId).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await settle(ex);
    expect((await statusOf(r.request.id)).status).toBe('refunded');
    expect(sim.served.createFeed! - createFeedsBefore).toBe(1);
    expect(
      sim.ledger.all().filter((e) => e.merchantAdjustmentItemId === r.request.id),
    ).toHaveLength(1);
  });

  it('createFeed 500 that Amazon never carried out: getFeeds shows no feed, then (and only then) a new attempt', async () => {
    const r = await insertApprovedRefund(bo.db, take('CA'), { lines: [{ index: 0 }] });
    sim.faults.add({ kind: 'server-error', operation: 'createFeed', count: 1 });
    const ex = new RefundExecutor({
      db: bo.db,
      client: clientForSimulator(sim, {
        rateLimits: new RateLimitRegistry({ clock: sim.clock }),
        backoff: { baseMs: 200, capMs: 2_000 },
      }),
      merchantId: SIMULATOR_CREDENTIALS.sellerId,
      now: () => sim.clock.now(),
      notCreatedAfterMs: 2 * 60_000,
    });
    expect((await ex.runCycle()).unknown).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 400)); // > 2 min of sim time
    await settle(ex);
    const row = await statusOf(r.request.id);
    expect(row.status).toBe('refunded');
    const [exec] = await bo.db
      .select()
      .from(refundExecutions)
      .where(eq(refundExecutions.refundRequestId, r.request.id));
    expect(exec!.attempts).toBe(2);
    expect(
      sim.ledger.all().filter((e) => e.merchantAdjustmentItemId === r.request.id),
    ).toHaveLength(1);
  });

  it('a feed still unknown 48 h later goes to a person (review flag), not back to Amazon', async () => {
    const r = await insertApprovedRefund(bo.db, take('US'), { lines: [{ index: 0 }] });
    let fakeNow = sim.clock.now();
    const ex = new RefundExecutor({
      db: bo.db,
      client: clientForSimulator(sim, { rateLimits: new RateLimitRegistry({ clock: sim.clock }) }),
      merchantId: SIMULATOR_CREDENTIALS.sellerId,
      now: () => fakeNow,
    });
    sim.faults.add({ kind: 'applied-then-error', operation: 'createFeed', count: 1 });
    // Amazon's processing never finishes within the test: the feed stays IN_QUEUE.
    sim.state.timings.feedProcessingMs = 10 * 24 * 3_600_000;
    try {
      expect((await ex.runCycle()).unknown).toBe(1);
      fakeNow += 49 * 3_600_000;
      await ex.runCycle();
    } finally {
      sim.state.timings.feedProcessingMs = 60_000;
    }
    const [exec] = await bo.db
      .select()
      .from(refundExecutions)
      .where(eq(refundExecutions.refundRequestId, r.request.id));
    expect(exec!.state).toBe('review');
    const flags = await bo.db
      .select()
      .from(reviewFlags)
      .where(eq(reviewFlags.rowKey, r.request.id));
    expect(flags.map((f) => f.kind)).toEqual(['refund_outcome_unknown']);
    expect((await statusOf(r.request.id)).status).toBe('submitted');
  });
});
