import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { Db, DatabaseEngine } from './database/client';
import { openDatabase, redactUrl } from './database/open';
import { demoReferenceDay, seedDemoIfEmpty } from './directory/seed';
import { buildApp } from './http/app';
import { startAmazonScheduler, type AmazonSchedulerOptions } from './amazon-sync/scheduler';
import { loadSecretKey } from './amazon-sync/credentials';

export interface BackOfficeOptions {
  /** PostgreSQL (node-postgres) when set; otherwise the embedded PGlite in `<dataDir>/pglite`. */
  databaseUrl?: string;
  dataDir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** The clock in ms (tests move it). Default Date.now. */
  now?: () => number;
  /** Fastify's pino logger: true for JSON lines on stdout, options (e.g. `{ level, stream }`), or false. */
  logger?: FastifyServerOptions['logger'];
  /** Fill an empty directory with the demo chain and its orders (generateChain/generateOrders). */
  seedDemo?: boolean;
  /** Where the committed migrations are; default server/database/migrations next to this file. */
  migrationsDir?: string;
  /** Amazon jobs and the refund executor on timers (off unless given). */
  amazon?: AmazonSchedulerOptions;
}

export interface BackOffice {
  /** e.g. http://127.0.0.1:4350 */
  url: string;
  port: number;
  engine: DatabaseEngine;
  /** The drizzle database, for tests and tools that look inside. */
  db: Db;
  /** The UTC day the demo orders were generated for, when the demo was seeded. */
  demoReferenceDay: Date | null;
  /** Fastify's inject, for tests that need no socket. */
  inject: ReturnType<typeof buildApp>['inject'];
  close(): Promise<void>;
}

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(
  new URL('./database/migrations', import.meta.url),
);

/**
 * Starts the back office: opens the database (PostgreSQL or PGlite), applies the committed
 * migrations, seeds the demo when asked and empty, and listens. Resolves once it answers.
 */
export async function startBackOffice(options: BackOfficeOptions): Promise<BackOffice> {
  const clock = options.now ?? Date.now;
  const now = () => new Date(clock());
  let log: FastifyBaseLogger | undefined;
  const database = await openDatabase({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    migrationsDir: options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR,
    onPoolError: (error) => log?.error({ err: error }, 'an idle database connection failed'),
  });
  let app: ReturnType<typeof buildApp> | undefined;
  let secretKey: Buffer | undefined;
  try {
    if (options.seedDemo) await seedDemoIfEmpty(database.db, now());
    app = buildApp(
      {
        db: database.db,
        now,
        readiness: database.readiness,
        secretKey: () => (secretKey ??= loadSecretKey(options.dataDir)),
      },
      options.logger ?? false,
    );
    log = app.log;
    app.log.info(
      {
        engine: database.engine,
        database: options.databaseUrl ? redactUrl(options.databaseUrl) : options.dataDir,
        migrationsApplied: database.migrations.applied,
      },
      'database ready',
    );
    await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const started = app;
  const scheduler = options.amazon
    ? startAmazonScheduler(database.db, {
        log: (message, details) => started.log.info(details ?? {}, message),
        ...options.amazon,
      })
    : undefined;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    engine: database.engine,
    db: database.db,
    demoReferenceDay: await demoReferenceDay(database.db),
    inject: started.inject.bind(started),
    close: () =>
      (closing ??= (async () => {
        try {
          await scheduler?.stop();
          await started.close();
        } finally {
          await database.close();
        }
      })()),
  };
}
