import { readFileSync, mkdtempSync, rmSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { and, asc, eq, getTableColumns, getTableName, sql, type Column } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { fromWireRow, SYNC_TABLE_DEFS } from '../../db/repositories/sync-tables';
import { MIGRATIONS_DIR } from '../../db/testing/temp-dir';
import { createBackend, DATABASE_FILE } from '../../electron/backend/backend';
import { createSyncClient, type SyncClient } from '../../electron/backend/sync/sync-client';
import { startBackOffice, type BackOffice } from '../../server/back-office';
import { queryRows } from '../../server/database/client';
import { orderLines, orders, syncRows } from '../../server/database/schema';
import { createEnrollmentCode } from '../../server/directory/enrollment';
import { storeByCode } from '../../server/directory/lookup';
import { publishRows, type RowToPublish } from '../../server/sync/sync-rows';
import { withSyncWrite } from '../../server/sync/write-lock';
import {
  createTestDatabase,
  findPostgresBin,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../server/testing/postgres';
import { DEMO_SECRETS, generateChain } from '../../shared/demo-data';
import { hlcFormat } from '../../shared/domain/hlc';
import {
  SYNC_PROTOCOL_VERSION,
  type DeviceScope,
  type PushedMutation,
  type PushRequest,
  type RowChange,
  type SyncTable,
} from '../../shared/sync/protocol';
import { forkWorker } from '../sync-sim/cluster';
import { percentile } from './stats';

/**
 * Sync benchmarks (DESIGN.md §5), each against a baseline measured in the same run:
 * 1. push of PUSH_COUNT mutations (a return and its line each) from one desktop, through the
 *    real HTTP client in the desktop's batch size, vs a raw bulk insert of the same rows into
 *    the same engine;
 * 2. pull of PULL_COUNT changes into a fresh desktop (a real backend enrolling and syncing),
 *    vs a raw SQLite bulk insert of the same rows into the same desktop database;
 * both on PGlite and on PostgreSQL (a throwaway cluster; skipped without its binaries);
 * 3. DESKTOPS desktops pushing at once against one back office process on PostgreSQL: push
 *    latency (vs one desktop alone) and the back office's RSS.
 */
const START = Date.parse('2026-11-21T15:00:00.000Z');
const PUSH_COUNT = Number(process.env.BENCH_SYNC_PUSH ?? 10_000);
const PULL_COUNT = Number(process.env.BENCH_SYNC_PULL ?? 100_000);
const DESKTOPS = Number(process.env.BENCH_SYNC_DESKTOPS ?? 50);
const PUSHES_PER_DESKTOP = 10;
const MUTATIONS_PER_PUSH = 20;
/** The desktop's own batch size (electron/backend/sync/push.ts DEFAULT_PUSH_LIMITS). */
const PUSH_BATCH = 200;

const chain = generateChain();
const clerk = chain.users.find((u) => u.username === 'clerk.ny01')!;

interface Enrolled {
  deviceId: string;
  storeId: string;
  deviceCode: string;
  client: SyncClient;
}

async function enroll(
  office: { db?: BackOffice['db']; url: string },
  code: string,
): Promise<Enrolled> {
  const deviceId = uuidv7();
  const answer = await createSyncClient({ baseUrl: office.url }).enroll({
    protocolVersion: SYNC_PROTOCOL_VERSION,
    code,
    deviceId,
    name: `bench ${deviceId.slice(-6)}`,
  });
  return {
    deviceId,
    storeId: answer.storeId,
    deviceCode: answer.deviceCode,
    client: createSyncClient({ baseUrl: office.url, token: answer.token, timeoutMs: 120_000 }),
  };
}

async function codeFor(office: BackOffice, storeCode: string, scope: DeviceScope = 'store') {
  const store = await storeByCode(office.db, storeCode);
  return (
    await createEnrollmentCode(office.db, {
      storeId: store!.id,
      scope,
      ttlMinutes: 60,
      createdBy: null,
      createdByDevice: null,
      now: new Date(START),
    })
  ).code;
}

type OrderLineRef = { orderId: string; lineId: string };

async function usOrderLines(office: BackOffice): Promise<OrderLineRef[]> {
  return office.db
    .select({ orderId: orders.id, lineId: orderLines.id })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(and(eq(orders.marketplace, 'US'), eq(orders.status, 'Delivered')))
    .orderBy(asc(orderLines.id))
    .limit(500);
}

/** returns.create's rows, as the desktop's handler writes them (server/testing/desktop-rows.ts). */
function returnRows(device: Enrolled, line: OrderLineRef, n: number): RowChange[] {
  const at = new Date(START - 60_000).toISOString();
  const id = uuidv7();
  return [
    {
      table: 'returns',
      row: {
        id,
        rmaNumber: `NY01-${device.deviceCode}-261121-${String(n).padStart(6, '0')}`,
        orderId: line.orderId,
        storeId: device.storeId,
        deviceId: device.deviceId,
        createdBy: clerk.id,
        status: 'open',
        customerComment: '',
        overrideBy: null,
        overrideReason: null,
        returnPolicyId: 'returns-us-2026.1',
        returnPolicyVersion: 1,
        createdAt: at,
        updatedAt: at,
      },
    },
    {
      table: 'returnLines',
      row: {
        id: uuidv7(),
        returnId: id,
        orderLineId: line.lineId,
        quantity: 1,
        reasonCode: 'DEFECTIVE',
        comment: '',
        opened: true,
        damaged: false,
        missingParts: false,
        eligibility: JSON.stringify({
          eligible: true,
          overridable: true,
          withinWindow: true,
          returnBy: '2026-12-21',
          reasons: [],
          restockingFeeBps: 0,
          photoRequired: false,
          refundShipping: true,
          policyId: 'returns-us-2026.1',
          policyVersion: 1,
        }),
        restockingFeeBps: 0,
        state: 'received',
        disposition: null,
        disposedAt: null,
        createdAt: at,
      },
    },
  ];
}

function mutations(
  device: Enrolled,
  lines: OrderLineRef[],
  count: number,
  firstId: number,
): PushedMutation[] {
  return Array.from({ length: count }, (_, i) => ({
    mutationId: firstId + i,
    id: uuidv7(),
    name: 'returns.create',
    args: {},
    hlc: hlcFormat({
      wallMs: START - 60_000,
      counter: firstId + i,
      node: device.deviceId.slice(-12),
    }),
    userId: clerk.id,
    storeId: device.storeId,
    createdAt: new Date(START - 60_000).toISOString(),
    rows: returnRows(device, lines[(firstId + i) % lines.length]!, firstId + i),
  }));
}

function pushRequest(device: Enrolled, batch: PushedMutation[]): PushRequest {
  return {
    protocolVersion: SYNC_PROTOCOL_VERSION,
    clientId: device.deviceId,
    batchId: uuidv7(),
    sentAt: new Date(START).toISOString(),
    mutations: batch,
    audit: [],
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const perSecond = (n: number, ms: number) =>
  `${Math.round((n * 1000) / ms).toLocaleString('en')}/s`;

/** (1) The push, then the same rows bulk-inserted raw into a scratch table of the same engine. */
async function benchPush(engine: string, office: BackOffice): Promise<Enrolled> {
  const device = await enroll(office, await codeFor(office, 'NY01'));
  const lines = await usOrderLines(office);
  const all = mutations(device, lines, PUSH_COUNT, 1);
  const rowCount = all.reduce((n, m) => n + m.rows.length, 0);

  const started = performance.now();
  let applied = 0;
  for (let i = 0; i < all.length; i += PUSH_BATCH) {
    const answer = await device.client.push(pushRequest(device, all.slice(i, i + PUSH_BATCH)));
    applied += answer.results.filter((r) => r.status === 'applied').length;
  }
  const pushMs = performance.now() - started;
  if (applied !== all.length) throw new Error(`${engine}: ${applied} of ${all.length} applied`);

  await office.db.execute(
    sql`create table if not exists bench_raw (table_name text not null, row_key text not null, data jsonb not null, primary key (table_name, row_key))`,
  );
  const rows = all.flatMap((m) => m.rows);
  const rawStarted = performance.now();
  await office.db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      await tx.execute(
        sql`insert into bench_raw (table_name, row_key, data) values ${sql.join(
          chunk.map((r) => sql`(${r.table}, ${String(r.row.id)}, ${JSON.stringify(r.row)}::jsonb)`),
          sql`, `,
        )}`,
      );
    }
  });
  const rawMs = performance.now() - rawStarted;
  await office.db.execute(sql`drop table bench_raw`);
  console.log(
    `  push ${PUSH_COUNT.toLocaleString('en')} mutations (${rowCount.toLocaleString('en')} rows, batches of ${PUSH_BATCH}) on ${engine}: ` +
      `${seconds(pushMs)}, ${perSecond(PUSH_COUNT, pushMs)} mutations` +
      `   | raw bulk insert of the rows: ${seconds(rawMs)}` +
      `   | throughput ratio ${(rawMs / pushMs).toFixed(3)}× (aim ≥ 0.3)`,
  );
  return device;
}

/** Visible to a NY01 store desktop: pull's own rule (server/sync/pull.ts visibleTo). */
async function visibleCount(office: BackOffice, storeId: string): Promise<number> {
  const region = chain.stores.find((s) => s.id === storeId)!.regionId;
  const [row] = await queryRows<{ n: string | number }>(
    office.db,
    sql`select count(*) as n from sync_rows where not deleted and (store_id = ${storeId} or (store_id is null and
      (region_id = ${region} or (region_id is null and (marketplace is null or marketplace in ('US', 'CA'))))))`,
  );
  return Number(row?.n ?? 0);
}

/** Tops the store's changes up to PULL_COUNT: more returns and lines, published in bulk. */
async function fillForPull(office: BackOffice, writer: Enrolled): Promise<void> {
  const lines = await usOrderLines(office);
  let have = await visibleCount(office, writer.storeId);
  let n = PUSH_COUNT + 1;
  while (have < PULL_COUNT) {
    const count = Math.min(2500, Math.ceil((PULL_COUNT - have) / 2));
    const published: RowToPublish[] = [];
    for (let i = 0; i < count; i++, n++)
      for (const change of returnRows(writer, lines[n % lines.length]!, n))
        published.push({
          table: change.table,
          data: change.row,
          audience: { storeId: writer.storeId },
        });
    await withSyncWrite(office.db, (tx) => publishRows(tx, published, new Date(START)));
    have += published.length;
  }
}

/** A desktop database as a fresh install has it (directory seeded, not enrolled, no orders). */
async function freshDesktopTemplate(root: string, url: string): Promise<string> {
  const dir = join(root, `desktop-template-${Date.now()}`);
  mkdirSync(dir);
  const seeded = await createBackend({
    dataDir: dir,
    migrationsDir: MIGRATIONS_DIR,
    storeCode: 'NY01',
    now: () => START,
    log: () => {},
    sync: { backOfficeUrl: url, intervalMs: 3_600_000 },
  });
  seeded.close();
  const file = join(dir, DATABASE_FILE);
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}

/** (2) A fresh desktop enrols and pulls everything; then the same rows inserted raw. */
async function benchPull(engine: string, office: BackOffice, writer: Enrolled, root: string) {
  await fillForPull(office, writer);
  const changes = await visibleCount(office, writer.storeId);
  const template = await freshDesktopTemplate(root, office.url);

  const dir = join(root, `desktop-${engine}`);
  mkdirSync(dir);
  copyFileSync(template, join(dir, DATABASE_FILE));
  const code = await codeFor(office, 'NY01');
  const started = performance.now();
  const backend = await createBackend({
    dataDir: dir,
    migrationsDir: MIGRATIONS_DIR,
    storeCode: 'NY01',
    now: () => START,
    log: () => {},
    sync: {
      backOfficeUrl: office.url,
      enrollmentCode: code,
      intervalMs: 3_600_000,
      debounceMs: 3_600_000,
    },
  });
  const signIn = await backend.dispatch('bench', 'auth.signIn', {
    username: 'manager.ny01',
    secret: DEMO_SECRETS.store_manager,
  });
  if (!signIn.ok) throw new Error(`sign-in: ${signIn.error.code}`);
  const status = await backend.dispatch('bench', 'sync.now', {});
  const pullMs = performance.now() - started;
  backend.close();
  if (!status.ok || (status.data as { lastError: unknown }).lastError)
    throw new Error(`${engine}: pull failed ${JSON.stringify(status)}`);
  const pulled = new Database(join(dir, DATABASE_FILE), { readonly: true });
  const returnsHere = (pulled.prepare('SELECT count(*) AS n FROM returns').get() as { n: number })
    .n;
  pulled.close();

  // The same rows, raw: prepared INSERTs in one transaction into a copy of the fresh database.
  const region = chain.stores.find((s) => s.id === writer.storeId)!.regionId;
  const visible = (
    await office.db
      .select({
        table: syncRows.tableName,
        data: syncRows.data,
        storeId: syncRows.storeId,
        regionId: syncRows.regionId,
        marketplace: syncRows.marketplace,
      })
      .from(syncRows)
      .orderBy(asc(syncRows.version))
  ).filter(
    (r) =>
      r.storeId === writer.storeId ||
      (r.storeId === null &&
        (r.regionId === region ||
          (r.regionId === null &&
            (r.marketplace === null || ['US', 'CA'].includes(r.marketplace))))),
  );
  const local = visible.map((r) => ({
    table: r.table as SyncTable,
    row: fromWireRow(r.table as SyncTable, r.data),
  }));
  const rawDir = join(root, `raw-${engine}`);
  mkdirSync(rawDir);
  copyFileSync(template, join(rawDir, DATABASE_FILE));
  const raw = new Database(join(rawDir, DATABASE_FILE));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = OFF');
  const statements = new Map<SyncTable, { run: (row: Record<string, unknown>) => void }>();
  const rawStarted = performance.now();
  raw.transaction(() => {
    for (const { table, row } of local) {
      let statement = statements.get(table);
      if (!statement) {
        const columns = Object.entries(
          getTableColumns(SYNC_TABLE_DEFS[table].table) as Record<string, Column>,
        );
        const prepared = raw.prepare(
          `INSERT OR REPLACE INTO "${getTableName(SYNC_TABLE_DEFS[table].table)}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        );
        statement = {
          run: (r) =>
            prepared.run(
              ...columns.map(([key]) => {
                const value = r[key];
                return typeof value === 'boolean' ? (value ? 1 : 0) : (value ?? null);
              }),
            ),
        };
        statements.set(table, statement);
      }
      statement.run(row);
    }
  })();
  const rawMs = performance.now() - rawStarted;
  raw.close();
  console.log(
    `  pull ${changes.toLocaleString('en')} changes (${returnsHere.toLocaleString('en')} returns) into a fresh desktop on ${engine}: ` +
      `${seconds(pullMs)}, ${perSecond(changes, pullMs)}` +
      `   | raw SQLite insert of the rows: ${seconds(rawMs)}` +
      `   | throughput ratio ${(rawMs / pullMs).toFixed(3)}× (aim ≥ 0.3)`,
  );
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** (3) DESKTOPS enrolled devices pushing at once against a back office process on PostgreSQL. */
async function benchManyDesktops(serverUrl: string, root: string): Promise<void> {
  const database = await createTestDatabase(serverUrl, `rd_bench_many_${process.pid}`);
  const dataDir = join(root, 'many');
  mkdirSync(dataDir);
  const port = 20_000 + (process.pid % 20_000);
  const worker = forkWorker('back office', 'back-office-worker.ts', {
    SIM_PORT: String(port),
    SIM_DATA_DIR: dataDir,
    SIM_DATABASE_URL: database.url,
    SIM_START_MS: String(START),
    SIM_EPOCH_MS: String(Date.now()),
  });
  try {
    const { url } = (await worker.ready) as { url: string };
    const stores = ['NY01', 'BO01', 'CH01', 'SE01'];
    const devices: Enrolled[] = [];
    for (let i = 0; i < DESKTOPS; i++) {
      const code = await worker.request<string>({
        cmd: 'enrollmentCode',
        storeCode: stores[i % stores.length]!,
        scope: 'store',
      });
      devices.push(await enroll({ url }, code));
    }
    // Order lines from the orders a NY01 desktop would see (any US line will do for the rules).
    const probe = devices[0]!;
    const page = await probe.client.pull({
      protocolVersion: SYNC_PROTOCOL_VERSION,
      clientId: probe.deviceId,
      cookie: null,
      limit: 20_000,
    });
    const lines: OrderLineRef[] = page.rows
      .filter((r) => r.table === 'orderLines')
      .map((r) => ({ orderId: String(r.row.orderId), lineId: String(r.row.id) }))
      .slice(0, 500);
    const idle = rssMb(worker.child.pid!);

    // Baseline: one desktop alone, the same pushes.
    const alone: number[] = [];
    const solo = devices[0]!;
    let next = 1;
    for (let p = 0; p < PUSHES_PER_DESKTOP; p++) {
      const batch = mutations(solo, lines, MUTATIONS_PER_PUSH, next);
      next += MUTATIONS_PER_PUSH;
      const t = performance.now();
      await solo.client.push(pushRequest(solo, batch));
      alone.push(performance.now() - t);
    }

    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(worker.child.pid!))), 50);
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      devices.map(async (device, d) => {
        let id = d === 0 ? next : 1;
        for (let p = 0; p < PUSHES_PER_DESKTOP; p++) {
          const batch = mutations(device, lines, MUTATIONS_PER_PUSH, id);
          id += MUTATIONS_PER_PUSH;
          const t = performance.now();
          await device.client.push(pushRequest(device, batch));
          latencies.push(performance.now() - t);
        }
      }),
    );
    const wall = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, rssMb(worker.child.pid!));
    const total = DESKTOPS * PUSHES_PER_DESKTOP * MUTATIONS_PER_PUSH;
    console.log(
      `  ${DESKTOPS} desktops × ${PUSHES_PER_DESKTOP} pushes of ${MUTATIONS_PER_PUSH} mutations at once on PostgreSQL: ` +
        `push median ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, ` +
        `${perSecond(total, wall)} mutations overall` +
        `   | one desktop alone: median ${percentile(alone, 50).toFixed(0)} ms, p99 ${percentile(alone, 99).toFixed(0)} ms` +
        `   | ratio p99 ${(percentile(latencies, 99) / percentile(alone, 99)).toFixed(1)}×`,
    );
    console.log(
      `  back office RSS: ${idle.toFixed(0)} MB idle with ${DESKTOPS} enrolled, peak ${peak.toFixed(0)} MB during the pushes`,
    );
  } finally {
    await worker.kill();
    await database.drop();
  }
}

export async function benchSync(): Promise<void> {
  console.log(
    `\nSync (push ${PUSH_COUNT.toLocaleString('en')} mutations, pull ${PULL_COUNT.toLocaleString('en')} changes, ` +
      `${DESKTOPS} desktops at once; ratios against raw bulk inserts of the same rows, aim ≥ 0.3)`,
  );
  const root = mkdtempSync(join(tmpdir(), 'returndesk-bench-sync-'));
  let postgres: ThrowawayPostgres | null = null;
  try {
    const engines: { name: string; databaseUrl?: string }[] = [{ name: 'PGlite' }];
    let serverUrl = process.env.RETURNDESK_TEST_DATABASE_URL ?? null;
    if (!serverUrl && findPostgresBin()) {
      postgres = await startThrowawayPostgres();
      serverUrl = postgres.url;
    }
    if (serverUrl) {
      const database = await createTestDatabase(serverUrl, `rd_bench_sync_${process.pid}`);
      engines.push({ name: 'PostgreSQL', databaseUrl: database.url });
    } else {
      console.log('  PostgreSQL binaries not found (initdb, pg_ctl): PostgreSQL figures skipped');
    }
    for (const engine of engines) {
      const dataDir = join(root, `office-${engine.name}`);
      mkdirSync(dataDir);
      const office = await startBackOffice({
        dataDir,
        databaseUrl: engine.databaseUrl,
        seedDemo: true,
        now: () => START,
      });
      try {
        const writer = await benchPush(engine.name, office);
        await benchPull(engine.name, office, writer, root);
      } finally {
        await office.close();
      }
    }
    if (serverUrl) await benchManyDesktops(serverUrl, root);
  } finally {
    await postgres?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchSync().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
