import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PATHS, SYNC_PROTOCOL_VERSION } from '../shared/sync/protocol';
import { appliedMigrationCount } from './database/migrate';
import { orders, regions, syncRows, users } from './database/schema';
import { startOfUtcDay } from './directory/seed';
import { startBackOffice } from './back-office';
import {
  ENGINES,
  logCollector,
  startTestBackOffice,
  TestClock,
  type LogLine,
  type TestBackOffice,
} from './testing/engines';
import { enrollTestDevice } from './testing/sync-client';

describe.each(ENGINES)('the back office on %s', (engine) => {
  let bo: TestBackOffice;
  beforeAll(async () => {
    bo = await startTestBackOffice(engine, { fresh: true });
  }, 60_000);
  afterAll(() => bo?.stop());

  it('migrates a fresh database and seeds the demo chain and the orders of its first day', async () => {
    expect(await appliedMigrationCount(bo.db)).toBeGreaterThan(0);
    expect(bo.demoReferenceDay).toEqual(startOfUtcDay(new Date(bo.clock.now())));
    const [regionCount] = await bo.db.select({ n: count() }).from(regions);
    const [userCount] = await bo.db.select({ n: count() }).from(users);
    const [orderCount] = await bo.db.select({ n: count() }).from(orders);
    expect([regionCount!.n, userCount!.n, orderCount!.n]).toEqual([3, 21, 600]);
  });

  it('answers health and readiness over a real socket, with request ids', async () => {
    const health = await fetch(`${bo.url}${SYNC_PATHS.health}`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${bo.url}${SYNC_PATHS.ready}`, {
      headers: { 'x-request-id': 'desktop-trace-0001' },
    });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    expect(ready.headers.get('x-request-id')).toBe('desktop-trace-0001');
    // An id that could forge a log line is replaced with one of ours.
    const odd = await fetch(`${bo.url}${SYNC_PATHS.health}`, {
      headers: { 'x-request-id': 'a b\tc' },
    });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('syncs over a real socket, gzip both ways', async () => {
    const device = await enrollTestDevice(bo, 'TK01');
    const body = gzipSync(
      JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, clientId: device.id, cookie: null }),
    );
    const response = await fetch(`${bo.url}${SYNC_PATHS.pull}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${device.token}`,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'accept-encoding': 'gzip',
      },
      body,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const pulled = (await response.json()) as {
      rows: { table: string; row: { marketplace?: string } }[];
    };
    const marketplaces = new Set(
      pulled.rows.filter((c) => c.table === 'orders').map((c) => c.row.marketplace),
    );
    expect(marketplaces).toEqual(new Set(['JP']));
  });

  it('logs every request as JSON with its request id', async () => {
    const response = await fetch(`${bo.url}/v1/nowhere`, {
      headers: { 'x-request-id': 'trace-for-logs-42' },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'No such endpoint.', traceId: 'trace-for-logs-42' },
    });
    const lines = bo.logs.filter((l) => l.reqId === 'trace-for-logs-42');
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['incoming request', 'request refused', 'request completed']),
    );
  });
});

describe('a restarted back office (PGlite)', () => {
  it('keeps its data and its demo day, migrates nothing twice and seeds nothing twice', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'returndesk-restart-'));
    const clock = new TestClock();
    const start = (logs: LogLine[]) =>
      startBackOffice({
        dataDir,
        now: clock.now,
        seedDemo: true,
        logger: { stream: logCollector(logs) },
      });
    const firstLogs: LogLine[] = [];
    const secondLogs: LogLine[] = [];
    try {
      const first = await start(firstLogs);
      const [before] = await first.db.select({ n: count() }).from(syncRows);
      await first.close();
      clock.advance(2 * 24 * 3600_000); // two days later, same folder
      const second = await start(secondLogs);
      const [after] = await second.db.select({ n: count() }).from(syncRows);
      await second.close();
      expect(after!.n).toBe(before!.n);
      expect(second.demoReferenceDay).toEqual(first.demoReferenceDay);
      const applied = (logs: LogLine[]) =>
        logs.find((l) => l.msg === 'database ready')?.migrationsApplied;
      expect(applied(firstLogs)).toBeGreaterThan(0);
      expect(applied(secondLogs)).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
