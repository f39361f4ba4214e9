import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  findPostgresBin,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../server/testing/postgres';
import { runSimulation } from '../sync-sim/run';
import { scheduleArbitrary } from '../sync-sim/schedule';

/**
 * The multi-device simulation (issue "Back office and sync"): one back office and five desktops
 * (three store PCs, two regional managers' laptops), each a process with its own data, driven by
 * a schedule fast-check draws: counter work on random desktops, networks cut and restored,
 * desktops and the back office SIGKILLed in the middle of a push. At the end everyone comes back
 * online and syncs until quiet; then every desktop must hold what the back office holds within
 * its scope, nothing confirmed may be lost, nothing applied twice, no request decided twice, no
 * order line refunded above what was paid. See tests/sync-sim/README.md.
 *
 * Replay a failure with the seed and path it prints:
 *   SYNC_SIM_SEED=… SYNC_SIM_PATH=… npx vitest run tests/integration/sync-simulation.test.ts
 * SYNC_SIM_STEPS changes the length of the PGlite schedule (default 300).
 */
const seed = process.env.SYNC_SIM_SEED
  ? Number(process.env.SYNC_SIM_SEED)
  : Date.now() ^ (Math.random() * 0x7fffffff);
const path = process.env.SYNC_SIM_PATH;
const STEPS = Number(process.env.SYNC_SIM_STEPS ?? 300);
const PG_STEPS = Number(process.env.SYNC_SIM_PG_STEPS ?? 80);

async function simulate(steps: number, databaseUrl?: string): Promise<void> {
  const engine = databaseUrl ? 'postgres' : 'pglite';
  console.log(
    `sync simulation on ${engine}: seed ${seed}${path ? `, path ${path}` : ''}, ${steps} steps`,
  );
  await fc.assert(
    fc.asyncProperty(scheduleArbitrary(5, steps), async (schedule) => {
      const result = await runSimulation(schedule, {
        databaseUrl,
        log: (line) => console.log(`[sim ${engine}] ${line}`),
      });
      console.log(`[sim ${engine}] ${JSON.stringify(result.facts)}`);
      expect(result.problems, result.problems.join('\n')).toEqual([]);
    }),
    // One long run; shrinking would rebuild the whole cluster for every attempt.
    { seed, path, numRuns: 1, endOnFailure: true, verbose: true },
  );
}

describe('sync simulation: five desktops and a back office, with outages and crashes', () => {
  let postgres: ThrowawayPostgres | null = null;
  afterAll(async () => {
    await postgres?.stop();
  });

  it('converges on PGlite', () => simulate(STEPS), 240_000);

  it.skipIf(!findPostgresBin() && !process.env.RETURNDESK_TEST_DATABASE_URL)(
    'converges on PostgreSQL (a shorter schedule)',
    async () => {
      let serverUrl = process.env.RETURNDESK_TEST_DATABASE_URL;
      if (!serverUrl) {
        postgres = await startThrowawayPostgres();
        serverUrl = postgres.url;
      }
      const database = await createTestDatabase(serverUrl, `rd_sim_${process.pid}_${Date.now()}`);
      try {
        await simulate(PG_STEPS, database.url);
      } finally {
        await database.drop();
      }
    },
    180_000,
  );
});
