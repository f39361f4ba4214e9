import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createBackend, DATABASE_FILE } from '../../electron/backend/backend';
import { benchAmazonBackfill } from './amazon-backfill';
import { benchApprovalCodes } from './approval-codes.bench';
import { benchCalls } from './calls.bench';
import { benchLabels } from './labels.bench';
import { benchLookup } from './lookup.bench';
import { benchScanToScreen } from './scan-ui.bench';
import { benchStartup } from './startup.bench';
import { benchSync } from './sync.bench';
import { benchReturnsIngest } from './returns-ingest.bench';

/** `npm run bench`: prints every budget's figures, each against a baseline from the same run. */
async function main(): Promise<void> {
  const seeded = mkdtempSync(join(tmpdir(), 'returndesk-bench-seed-'));
  const seededAt = performance.now();
  const backend = await createBackend({
    dataDir: seeded,
    migrationsDir: resolve(import.meta.dirname, '..', '..', 'db', 'migrations'),
    log: () => {},
  });
  backend.close();
  console.log(`ReturnDesk benchmarks (node ${process.version}, ${new Date().toISOString()})`);
  console.log(
    `First start of a fresh install (migrate + seed demo chain and 600 orders): ${(performance.now() - seededAt).toFixed(0)} ms`,
  );
  await benchStartup(seeded);
  await benchCalls(join(seeded, DATABASE_FILE));
  await benchScanToScreen(seeded);
  await benchLabels();
  await benchLookup();
  benchApprovalCodes();
  await benchAmazonBackfill(Number(process.env.BENCH_BACKFILL_ORDERS ?? 5000));
  await benchSync();
  await benchReturnsIngest();
  rmSync(seeded, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
