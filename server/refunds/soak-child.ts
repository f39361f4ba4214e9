import { sql } from 'drizzle-orm';
import { DEFAULT_MIGRATIONS_DIR } from '../back-office';
import { RateLimitRegistry } from '../amazon/rate-limit/registry';
import { SIMULATOR_CREDENTIALS, clientForSimulator } from '../amazon/simulator';
import { SimClock } from '../amazon/simulator/sim-clock';
import { queryRows } from '../database/client';
import { openDatabase } from '../database/open';
import { RefundExecutor } from './executor';

/**
 * The refund executor as its own process, for the fault soak (soak.test.ts): the test SIGKILLs
 * it at random moments and starts it again on the same database. Prints one JSON line per
 * cycle; exits 0 once nothing is left to do.
 * env: SOAK_SIM_URL, SOAK_DATA_DIR or SOAK_DATABASE_URL.
 */
async function main(): Promise<void> {
  const simUrl = process.env.SOAK_SIM_URL!;
  const clockAnswer = (await (await fetch(`${simUrl}/_sim/clock`)).json()) as {
    now: string;
    timeScale: number;
  };
  const clock = new SimClock(Date.parse(clockAnswer.now), clockAnswer.timeScale);
  const database = await openDatabase({
    databaseUrl: process.env.SOAK_DATABASE_URL || undefined,
    dataDir: process.env.SOAK_DATA_DIR!,
    migrationsDir: DEFAULT_MIGRATIONS_DIR,
  });
  const executor = new RefundExecutor({
    db: database.db,
    client: clientForSimulator(
      { url: simUrl },
      {
        rateLimits: new RateLimitRegistry({ clock }),
        timeoutMs: 1_500,
        backoff: { baseMs: 500, capMs: 10_000 },
      },
    ),
    merchantId: SIMULATOR_CREDENTIALS.sellerId,
    now: () => clock.now(),
    // Leases are a dead process's on restart (PGlite: we hold the database alone; PostgreSQL: the
    // test runs one executor at a time). Short windows: the sim runs timeScale× faster.
    leaseMs: 30_000,
    notCreatedAfterMs: 3 * 60_000,
  });
  await executor.releaseAllLeases();
  for (;;) {
    const summary = await executor.runCycle();
    const [open] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from refund_requests r
          left join refund_executions e on e.refund_request_id = r.id
          where (e.refund_request_id is null and r.status = 'approved')
             or e.state in ('queued', 'in_flight', 'unknown')`,
    );
    console.log(JSON.stringify({ ...summary, open: open!.n }));
    if (open!.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await database.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
