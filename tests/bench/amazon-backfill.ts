import { createSpApiClient } from '../../server/amazon/client';
import { MARKETPLACES } from '../../shared/domain/marketplaces';
import { PUBLISHED_USAGE_PLANS } from '../../server/amazon/rate-limit/published-limits';
import { RateLimitRegistry } from '../../server/amazon/rate-limit/registry';
import { SIMULATOR_CREDENTIALS, startAmazonSimulator } from '../../server/amazon/simulator';

/** searchOrders returns at most 100 orders a page (maxResultsPerPage, orders_2026-01-01). */
const SEARCH_PAGE_SIZE = 100;

/** Seconds to fetch `pages` requests of an operation at its published rate after its burst. */
function secondsAtLimit(requests: number, plan: { rate: number; burst: number }): number {
  return Math.max(0, requests - plan.burst) / plan.rate;
}

const hours = (s: number) => `${(s / 3600).toFixed(1)} h`;

/**
 * Back-fill of N orders through the simulator at Amazon's published rate limits: one bulk
 * all-orders report (createReport → poll getReport → getReportDocument → download), then
 * getOrder only for orders the report cannot price (pending). The baseline from the same run is
 * the time searchOrders alone would need for N orders at its limit (0.0056 rps, burst 20, 100 a
 * page). Report processing takes 5 s in the simulator (Amazon: minutes; not a rate limit).
 */
export async function benchAmazonBackfill(orderCount = 5000): Promise<void> {
  const simulator = await startAmazonSimulator({
    orderCount,
    timeScale: 1,
    timings: { reportProcessingMs: 5_000 },
  });
  try {
    const client = createSpApiClient({
      endpoint: simulator.url,
      sellerId: SIMULATOR_CREDENTIALS.sellerId,
      lwa: { ...SIMULATOR_CREDENTIALS, tokenUrl: `${simulator.url}/auth/o2/token` },
      rateLimits: new RateLimitRegistry(),
      logger: () => {},
    });
    const started = performance.now();
    const startedAtMs = Date.now();
    const report = await client.reports.requestFlatFileReport(
      {
        reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
        marketplaceIds: Object.values(MARKETPLACES).map((m) => m.id),
        dataStartTime: new Date(simulator.clock.now() - 121 * 86_400_000).toISOString(),
      },
      { intervalMs: 1_000 },
    );
    const orderIds = new Set(report.rows.map((r) => r['amazon-order-id']));
    const pending = new Set(
      report.rows.filter((r) => r['order-status'] === 'Pending').map((r) => r['amazon-order-id']),
    );
    await Promise.all([...pending].map((id) => client.orders.getOrder(id as string)));
    const elapsedS = (performance.now() - started) / 1000;

    const searchOnlyS = secondsAtLimit(
      Math.ceil(orderCount / SEARCH_PAGE_SIZE),
      PUBLISHED_USAGE_PLANS.searchOrders,
    );
    console.log(
      `\nAmazon back-fill of ${orderCount} orders through the simulator at published rate limits`,
    );
    console.log(
      `  report path: ${elapsedS.toFixed(1)} s wall (${orderIds.size} orders, ${report.rows.length} lines, getOrder for ${pending.size} pending)` +
        (searchOnlyS > 0
          ? ` = ${((elapsedS / searchOnlyS) * 100).toFixed(2)}% of searchOrders alone (computed ${hours(searchOnlyS)})`
          : ' (searchOrders alone would fit in its burst of 20 pages)'),
    );
    const afterFirstMinute = simulator.throttled.filter((t) => t.atMs - startedAtMs > 60_000);
    console.log(
      `  429 from the rate limits: ${simulator.throttled.length} in all, ${afterFirstMinute.length} after the first minute`,
    );
    for (const [operation, count] of Object.entries(simulator.served)) {
      const plan = PUBLISHED_USAGE_PLANS[operation as keyof typeof PUBLISHED_USAGE_PLANS];
      const rate = count / elapsedS;
      const sustained = Math.max(0, count - plan.burst) / (plan.rate * elapsedS);
      console.log(
        `  ${operation.padEnd(18)} ${String(count).padStart(5)} requests, ${rate.toFixed(3)} rps = ${((rate / plan.rate) * 100).toFixed(0)}% of ${plan.rate} rps` +
          ` (within a burst of ${plan.burst}; beyond it: ${(sustained * 100).toFixed(0)}% of the rate)`,
      );
    }
    const pendingShare = pending.size / Math.max(orderIds.size, 1);
    for (const n of [50_000]) {
      const getOrders = Math.round(n * pendingShare);
      const reportPathS = secondsAtLimit(getOrders, PUBLISHED_USAGE_PLANS.getOrder) + 5 * 60;
      const searchS = secondsAtLimit(
        Math.ceil(n / SEARCH_PAGE_SIZE),
        PUBLISHED_USAGE_PLANS.searchOrders,
      );
      console.log(
        `  computed for ${n}: report path ≈ ${(reportPathS / 60).toFixed(0)} min (5 min report + ${getOrders} getOrder at 0.5 rps)` +
          ` vs searchOrders alone ${hours(searchS)} (${((reportPathS / searchS) * 100).toFixed(1)}%)`,
      );
    }
  } finally {
    await simulator.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchAmazonBackfill(Number(process.argv[2] ?? 5000));
}
