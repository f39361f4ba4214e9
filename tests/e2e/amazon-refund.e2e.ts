import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RateLimitRegistry } from '../../server/amazon/rate-limit/registry';
import {
  SIMULATOR_CREDENTIALS,
  clientForSimulator,
  startAmazonSimulator,
  type AmazonSimulator,
} from '../../server/amazon/simulator';
import { startBackOffice, type BackOffice } from '../../server/back-office';
import type { Running } from './counter-helpers';
import { clerkRequestsRefund, countRows, enrollmentCodeFor } from './back-office-scene';
import { expect, startWebApp, test } from './fixtures';

/** Sim time runs this much faster: a feed Amazon processes in a minute takes two seconds. */
const TIME_SCALE = 30;

/**
 * Amazon to the counter and back (issue #5): an order placed at "Amazon" (the simulator) reaches
 * the NY01 till through the back office's order sync; the clerk takes the return and requests
 * the refund, which the policy approves; the back office's executor submits it in an Order
 * Adjustment feed, Amazon applies it, and the clerk's open screen shows "Refunded" with Amazon's
 * adjustment id. Amazon's ledger has the refund exactly once.
 */
test.describe('a refund paid by Amazon', () => {
  test.describe.configure({ mode: 'serial' });
  let sim: AmazonSimulator;
  let office: BackOffice;
  let officeDir: string;
  let clerk: Running;

  test.beforeAll(async () => {
    officeDir = mkdtempSync(join(tmpdir(), 'returndesk-e2e-amazon-'));
    // The simulator holds the back office's demo orders (same day, same amazonOrderIds).
    const probe = await startBackOffice({ dataDir: officeDir, seedDemo: true });
    const referenceDay = probe.demoReferenceDay!;
    await probe.close();
    sim = await startAmazonSimulator({
      timeScale: TIME_SCALE,
      ordersReferenceTime: referenceDay,
      timings: { reportProcessingMs: 30_000, feedProcessingMs: 60_000 },
    });
    office = await startBackOffice({
      dataDir: officeDir,
      seedDemo: true,
      amazon: {
        client: clientForSimulator(sim, {
          rateLimits: new RateLimitRegistry({ clock: sim.clock }),
          backoff: { baseMs: 200, capMs: 2_000 },
        }),
        merchantId: SIMULATOR_CREDENTIALS.sellerId,
        now: () => sim.clock.now(),
        reportPoll: { intervalMs: 250, timeoutMs: 60_000 },
        intervals: {
          executorMs: 1_500,
          ordersMs: 3_000,
          returnsMs: 0,
          settlementsMs: 0,
          refundEventsMs: 0,
          purgeMs: 0,
        },
      },
    });
    clerk = await startWebApp({
      store: 'NY01',
      backOfficeUrl: office.url,
      enrollmentCode: await enrollmentCodeFor(office, 'NY01', 'store'),
      syncIntervalMs: 1000,
    });
  });

  test.afterAll(async () => {
    await clerk?.stop();
    await office?.close();
    await sim?.close();
    for (const dir of [clerk?.app.dataDir, officeDir])
      if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('an order placed at Amazon is refunded from the NY01 counter; the clerk sees Amazon’s adjustment id live', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    // One cheap delivered US line of a kind a defective return is taken for: the policy
    // approves it without a manager.
    let amazonOrderId = '';
    for (let attempt = 0; attempt < 20 && !amazonOrderId; attempt++) {
      const res = await fetch(`${sim.url}/_sim/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          marketplace: 'US',
          fulfillment: 'MFN',
          status: 'Delivered',
          singleLineMaxMinor: 3_000,
        }),
      });
      expect(res.status).toBe(201);
      const made = (await res.json()) as {
        order: { orderId: string };
        lines: { category: string }[];
      };
      if (!['software', 'books_media', 'grocery'].includes(made.lines[0]!.category))
        amazonOrderId = made.order.orderId;
    }
    expect(amazonOrderId).not.toBe('');

    // The back office's order sync (searchOrders) brings it; the till pulls it.
    await expect
      .poll(
        () =>
          countRows(
            clerk,
            `SELECT count(*) AS n FROM orders o JOIN order_lines l ON l.order_id = o.id
              WHERE o.amazon_order_id = '${amazonOrderId}' AND o.status = 'Delivered'`,
          ),
        { timeout: 90_000 },
      )
      .toBe(1);

    const status = await clerkRequestsRefund(page, clerk.app.openUrl, amazonOrderId);
    await expect(status).toHaveAttribute('data-status', 'approved', { timeout: 30_000 });

    // The executor submits it in a feed; Amazon applies it; the screen follows without a reload.
    const outcome = page.getByTestId('refund-amazon-outcome').first();
    await expect(outcome).toHaveAttribute('data-status', 'refunded', { timeout: 150_000 });
    await expect(outcome).toHaveText(/^Refunded · Amazon adjustment adj-/, { timeout: 60_000 });
    await expect(status).toHaveAttribute('data-status', 'refunded');
    const adjustmentId = await outcome.getAttribute('data-adjustment-id');
    expect(adjustmentId).toMatch(/^adj-/);

    // Amazon paid it once.
    const ledger = (await (await fetch(`${sim.url}/_sim/ledger`)).json()) as {
      entries: { amazonOrderId: string; orderItemId: string }[];
    };
    const paid = ledger.entries.filter((e) => e.amazonOrderId === amazonOrderId);
    expect(paid).toHaveLength(1);
  });
});
