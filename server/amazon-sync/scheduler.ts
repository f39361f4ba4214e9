import type { SpApiClient } from '../amazon/client';
import type { Db } from '../database/client';
import { RefundExecutor } from '../refunds/executor';
import type { MarketplaceCode } from '../../shared/domain/marketplaces';
import { purgeBuyerData, runRefundEventsJob, runReturnsReportJob, runSettlementJob } from './jobs';
import { OrderSync } from './order-sync';

export interface AmazonSchedulerOptions {
  client: SpApiClient;
  merchantId: string;
  /** Amazon's time as the client sees it (the simulator's scaled clock). Default Date.now. */
  now?: () => number;
  /** Marketplaces whose orders are synced (default all the chain sells on). */
  marketplaces?: readonly MarketplaceCode[];
  /** Buyer name/email/phone are blanked this many days after delivery. Default 30. */
  purgeAfterDays?: number;
  /** Report polling (the simulator: short). */
  reportPoll?: { intervalMs?: number; timeoutMs?: number };
  /** Milliseconds between runs of each job; 0 turns a job off. */
  intervals?: {
    /** Refund executor cycle; ≈ one createFeed per 2 minutes per marketplace. Default 120 s. */
    executorMs?: number;
    /** Order sync (back-fill first, then searchOrders). Default 15 min (searchOrders: 0.0056 rps). */
    ordersMs?: number;
    /** Returns report. Default 1 h. */
    returnsMs?: number;
    /** Settlement reports (Amazon makes one every 14 days). Default 6 h. */
    settlementsMs?: number;
    /** Refund events of the orders we refunded. Default 30 min. */
    refundEventsMs?: number;
    /** Buyer data purge. Default 6 h. */
    purgeMs?: number;
  };
  log?: (message: string, details?: Record<string, unknown>) => void;
}

const DEFAULTS = {
  executorMs: 120_000,
  ordersMs: 15 * 60_000,
  returnsMs: 60 * 60_000,
  settlementsMs: 6 * 60 * 60_000,
  refundEventsMs: 30 * 60_000,
  purgeMs: 6 * 60 * 60_000,
};

/**
 * Runs the back office's Amazon work on timers: the refund executor, the order sync, the
 * returns and settlement reports, refund events and the buyer data purge. Each job runs one at a
 * time (never overlapping itself). Stops cleanly: runs in progress finish, no new one starts.
 */
export function startAmazonScheduler(db: Db, options: AmazonSchedulerOptions) {
  const now = options.now ?? Date.now;
  const executor = new RefundExecutor({
    db,
    client: options.client,
    merchantId: options.merchantId,
    now,
    log: options.log,
  });
  const orderSync = new OrderSync({
    db,
    client: options.client,
    now,
    marketplaces: options.marketplaces,
    reportPoll: options.reportPoll,
    log: options.log,
  });
  const jobs: Record<keyof typeof DEFAULTS, () => Promise<unknown>> = {
    executorMs: () => executor.runCycle(),
    ordersMs: () => orderSync.runOnce(),
    returnsMs: () => runReturnsReportJob(db, options.client, { now, poll: options.reportPoll }),
    settlementsMs: () => runSettlementJob(db, options.client, { now }),
    refundEventsMs: () => runRefundEventsJob(db, options.client, { now }),
    purgeMs: () => purgeBuyerData(db, { now, days: options.purgeAfterDays }),
  };
  let stopped = false;
  const running = new Map<string, Promise<void>>();
  const timers = new Map<string, NodeJS.Timeout>();
  const runJob = (key: keyof typeof DEFAULTS): Promise<void> => {
    const previous = running.get(key) ?? Promise.resolve();
    const next = previous.then(() =>
      jobs[key]().then(
        (summary) => options.log?.(`amazon job ${key.replace(/Ms$/, '')}`, { summary }),
        (error: unknown) =>
          options.log?.(`amazon job ${key.replace(/Ms$/, '')} failed`, { error: String(error) }),
      ),
    );
    running.set(key, next);
    return next;
  };
  for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
    const every = options.intervals?.[key] ?? DEFAULTS[key];
    if (every <= 0) continue;
    const loop = () => {
      if (stopped) return;
      void runJob(key).finally(() => {
        if (!stopped) timers.set(key, setTimeout(loop, every));
      });
    };
    timers.set(key, setTimeout(loop, 0));
  }
  return {
    executor,
    orderSync,
    /** Runs one executor cycle now (tests, the e2e), after the one in progress. */
    async runNow(): Promise<void> {
      await running.get('executorMs');
      await executor.runCycle();
    },
    /** Runs a job now, after its run in progress. */
    run: (key: keyof typeof DEFAULTS) => runJob(key),
    async stop(): Promise<void> {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      await Promise.all(running.values());
    },
  };
}
