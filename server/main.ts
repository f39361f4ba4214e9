import { rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DeviceScopeSchema } from '../shared/sync/protocol';
import { startBackOffice } from './back-office';
import { amazonConnectionFromEnv, createSpApiClient } from './amazon/client';
import {
  SIMULATOR_CREDENTIALS,
  clientForSimulator,
  startAmazonSimulator,
} from './amazon/simulator';
import { startAmazonScheduler } from './amazon-sync/scheduler';
import { loadSecretKey, readSellerAccount } from './amazon-sync/credentials';
import { LWA_TOKEN_URL, spApiEndpoint } from './amazon/marketplaces';
import { readConfig, type ServerConfig } from './config';
import { openDatabase } from './database/open';
import { DEFAULT_MIGRATIONS_DIR } from './back-office';
import { createEnrollmentCode } from './directory/enrollment';
import { storeByCode } from './directory/lookup';
import { seedDemoIfEmpty } from './directory/seed';

/**
 * `npm run server`: the back office on PGlite (or PostgreSQL with DATABASE_URL).
 * `npm run server -- enrollment-code --store NY01 [--scope store|region|chain] [--ttl-minutes N]`:
 * a one-time enrollment code printed on the server's console — how the first (admin) desktop
 * enrolls before any admin desktop exists to ask for one.
 */

const USAGE =
  'usage: npm run server [-- enrollment-code --store <code> [--scope store|region|chain] [--ttl-minutes <n>]]';

async function serve(config: ServerConfig): Promise<void> {
  const backOffice = await startBackOffice({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    host: config.host,
    port: config.port,
    logger: true,
    seedDemo: config.seedDemo,
  });
  console.log(`ReturnDesk back office on ${backOffice.url} (${backOffice.engine})`);
  const amazon = await connectAmazon(backOffice, config.dataDir);
  if (config.bootstrapStore) {
    const store = await storeByCode(backOffice.db, config.bootstrapStore);
    if (!store) throw new Error(`No store with code ${config.bootstrapStore} in the directory.`);
    const { code } = await createEnrollmentCode(backOffice.db, {
      storeId: store.id,
      scope: 'store',
      ttlMinutes: 60,
      createdBy: null,
      createdByDevice: null,
      now: new Date(),
    });
    console.log(`Enrollment code for ${store.code} (store scope): ${code}`);
    if (config.bootstrapCodeFile) {
      // Written whole, then renamed: the desktop polling the file never reads half a code.
      const partial = `${config.bootstrapCodeFile}.partial`;
      await writeFile(partial, `${code}\n`, { mode: 0o600 });
      await rename(partial, config.bootstrapCodeFile);
    }
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the back office`);
    // The Amazon jobs finish their run (and record it) before the database closes.
    amazon
      .stop()
      .then(() => backOffice.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('could not stop cleanly:', error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Started beside a desktop (npm start): when that process dies, even by SIGKILL, our stdin
  // closes — stop too, rather than hold the data folder and the port for nobody.
  if (process.env.RETURNDESK_SERVER_EXIT_WITH_PARENT === '1') {
    process.stdin.on('end', () => stop('parent gone'));
    process.stdin.resume();
  }
}

/**
 * No LWA credentials: an in-process Amazon simulator with the back office's own demo orders
 * (same reference day, same amazonOrderIds), so refunds apply to orders "Amazon" knows. With
 * credentials: the real SP-API. Either way the refund executor runs every two minutes.
 */
async function connectAmazon(
  backOffice: Awaited<ReturnType<typeof startBackOffice>>,
  dataDir: string,
) {
  let connection = amazonConnectionFromEnv(process.env);
  let sellerId = process.env.RETURNDESK_SELLER_ID ?? 'SELLER';
  // No credentials in the environment: the seller account an admin set from their desktop (read
  // at start; a change takes effect at the next start).
  const stored =
    connection.kind === 'simulator'
      ? await readSellerAccount(backOffice.db, loadSecretKey(dataDir)).catch((error: unknown) => {
          console.error('stored seller account not readable:', String(error));
          return null;
        })
      : null;
  if (stored) {
    connection = {
      kind: 'amazon',
      region: stored.region,
      sandbox: process.env.RETURNDESK_SPAPI_SANDBOX === '1',
      endpoint: spApiEndpoint(stored.region, {
        sandbox: process.env.RETURNDESK_SPAPI_SANDBOX === '1',
      }),
      lwa: {
        clientId: stored.clientId,
        clientSecret: stored.clientSecret,
        refreshToken: stored.refreshToken,
        tokenUrl: LWA_TOKEN_URL,
      },
    };
    sellerId = stored.sellerId || sellerId;
    console.log('Amazon: the seller account stored by an admin');
  }
  const purgeAfterDays = Number(process.env.RETURNDESK_PURGE_AFTER_DAYS ?? 30);
  const log = (message: string, details?: Record<string, unknown>) =>
    console.log(JSON.stringify({ msg: message, ...details }));
  if (connection.kind === 'simulator') {
    const simulator = await startAmazonSimulator({
      ordersReferenceTime: backOffice.demoReferenceDay ?? undefined,
      timings: { reportProcessingMs: 5_000 },
    });
    console.log(`Amazon simulator on ${simulator.url} (no LWA credentials set)`);
    const scheduler = startAmazonScheduler(backOffice.db, {
      client: clientForSimulator(simulator),
      merchantId: SIMULATOR_CREDENTIALS.sellerId,
      now: () => simulator.clock.now(),
      purgeAfterDays,
      reportPoll: { intervalMs: 1_000 },
      intervals: { ordersMs: 60_000, refundEventsMs: 5 * 60_000 },
      log,
    });
    return {
      stop: async () => {
        await scheduler.stop();
        await simulator.close();
      },
    };
  }
  const scheduler = startAmazonScheduler(backOffice.db, {
    client: createSpApiClient({
      endpoint: connection.endpoint,
      sellerId,
      lwa: connection.lwa,
    }),
    merchantId: sellerId,
    purgeAfterDays,
    log,
  });
  return { stop: () => scheduler.stop() };
}

async function printEnrollmentCode(config: ServerConfig, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      store: { type: 'string' },
      scope: { type: 'string', default: 'store' },
      'ttl-minutes': { type: 'string', default: String(24 * 60) },
    },
    strict: true,
  });
  const scope = DeviceScopeSchema.safeParse(values.scope);
  const ttlMinutes = Number(values['ttl-minutes']);
  if (!values.store || !scope.success || !Number.isInteger(ttlMinutes) || ttlMinutes < 5) {
    throw new Error(USAGE);
  }
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    migrationsDir: DEFAULT_MIGRATIONS_DIR,
  });
  try {
    if (config.seedDemo) await seedDemoIfEmpty(database.db, new Date());
    const store = await storeByCode(database.db, values.store.toUpperCase());
    if (!store) throw new Error(`No store with code ${values.store} in the directory.`);
    const { code, expiresAt } = await createEnrollmentCode(database.db, {
      storeId: store.id,
      scope: scope.data,
      ttlMinutes,
      createdBy: null,
      createdByDevice: null,
      now: new Date(),
    });
    console.log(`Enrollment code for ${store.code} (${scope.data} scope): ${code}`);
    console.log(`Valid once, until ${expiresAt.toISOString()}.`);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const config = readConfig();
  const [command, ...rest] = argv;
  if (command === undefined) return serve(config);
  if (command === 'enrollment-code') return printEnrollmentCode(config, rest);
  throw new Error(USAGE);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
