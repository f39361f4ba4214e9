import type { SpApiClient } from '../amazon/client';
import type { Db } from '../database/client';
import { RefundExecutor } from '../refunds/executor';

export interface AmazonSchedulerOptions {
  client: SpApiClient;
  merchantId: string;
  /** Amazon's time as the client sees it (the simulator's scaled clock). Default Date.now. */
  now?: () => number;
  intervals?: {
    /** Refund executor cycle; ≈ one createFeed per 2 minutes per marketplace. Default 120 s. */
    executorMs?: number;
  };
  log?: (message: string, details?: Record<string, unknown>) => void;
}

/**
 * Runs the back office's Amazon work on timers: the refund executor (one cycle at a time, never
 * overlapping). Stops cleanly: the cycle in progress finishes (its phases are recorded), no new
 * one starts.
 */
export function startAmazonScheduler(db: Db, options: AmazonSchedulerOptions) {
  const executor = new RefundExecutor({
    db,
    client: options.client,
    merchantId: options.merchantId,
    now: options.now ?? Date.now,
    log: options.log,
  });
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const cycle = () => {
    if (stopped) return;
    running = executor
      .runCycle()
      .then(
        (summary) => options.log?.('refund executor cycle', { ...summary }),
        (error: unknown) => options.log?.('refund executor cycle failed', { error: String(error) }),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(cycle, options.intervals?.executorMs ?? 120_000);
      });
  };
  timer = setTimeout(cycle, 0);
  return {
    executor,
    /** Runs one cycle now (tests, the e2e), after the one in progress. */
    async runNow(): Promise<void> {
      await running;
      await executor.runCycle();
    },
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
