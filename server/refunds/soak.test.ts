import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { DEFAULT_MIGRATIONS_DIR } from '../back-office';
import { startAmazonSimulator, type AmazonSimulator } from '../amazon/simulator';
import { linePaid } from '../amazon/simulator/order-json';
import { refundExecutions, refundRequests } from '../database/schema';
import { openDatabase } from '../database/open';
import { demoReferenceDay } from '../directory/seed';
import { ENGINES } from '../testing/engines';
import { POSTGRES_MISSING_MESSAGE, createTestDatabase } from '../testing/postgres';
import { deliveredOrders, demoStoreAt, insertApprovedRefund } from './testing';

/**
 * DESIGN.md §7 under fire: 500 approved refunds across stores, the simulator injecting 429,
 * 500, 503, hangs, expired tokens, truncated documents, FATAL feeds, item errors and lost
 * createFeed answers, while the executor (a child process) is SIGKILLed at random moments at
 * least 20 times and restarted on the same database. Afterwards Amazon's ledger must show every
 * approved refund applied exactly once, none that was denied, and no line beyond what was paid.
 */

const KILLS = 22;
const TIME_SCALE = 120;
const CHILD = join(import.meta.dirname, 'soak-child.ts');

function runChild(env: Record<string, string>): { child: ChildProcess; done: Promise<number> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.on('data', () => {});
  const done = new Promise<number>((resolve) =>
    child.on('exit', (code, signal) => {
      if (code && code !== 0) console.error(`soak child exited ${code}: ${stderr.slice(-2000)}`);
      resolve(signal ? -1 : (code ?? -1));
    }),
  );
  return { child, done };
}

describe.each(ENGINES)('refund executor fault soak on %s', (engine) => {
  let sim: AmazonSimulator | undefined;
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    await sim?.close();
    for (const c of cleanups.reverse()) await c();
  });

  it('500 refunds, faults everywhere, 20+ SIGKILLs: each approved refund paid exactly once, nothing denied, nothing beyond what was paid', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'returndesk-soak-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    let databaseUrl: string | undefined;
    if (engine === 'postgres') {
      const serverUrl = inject('postgresUrl');
      if (!serverUrl) throw new Error(inject('postgresError') ?? POSTGRES_MISSING_MESSAGE);
      const database = await createTestDatabase(
        serverUrl,
        `rd_soak_${randomBytes(6).toString('hex')}`,
        inject('postgresTemplate') ?? undefined,
      );
      databaseUrl = database.url;
      cleanups.push(() => database.drop());
    } else {
      const template = inject('pgliteTemplate');
      if (template) cpSync(join(template, 'pglite'), join(dataDir, 'pglite'), { recursive: true });
    }
    const open = () =>
      openDatabase({ databaseUrl, dataDir, migrationsDir: DEFAULT_MIGRATIONS_DIR });

    // --- 500 approved refunds (10 of them a second full refund of a line: one of each pair
    // must be refused by the guard), 10 denied.
    let database = await open();
    const day = await demoReferenceDay(database.db);
    sim = await startAmazonSimulator({ timeScale: TIME_SCALE, ordersReferenceTime: day! });
    const known = (await deliveredOrders(database.db)).filter((o) =>
      sim!.state.orders.has(o.order.amazonOrderId),
    );
    const lines = known.flatMap((o) => o.lines.map((_, index) => ({ o, index })));
    expect(lines.length).toBeGreaterThanOrEqual(510);
    const approved: { id: string; lineId: string }[] = [];
    const denied: string[] = [];
    for (let i = 0; i < 490; i++) {
      const { o, index } = lines[i]!;
      const r = await insertApprovedRefund(database.db, o, {
        lines: [{ index }],
        storeId: demoStoreAt(i).id,
      });
      approved.push({ id: r.request.id, lineId: o.lines[index]!.id });
    }
    const pairs: [string, string][] = [];
    for (let i = 0; i < 10; i++) {
      const { o, index } = lines[i * 37]!;
      const r = await insertApprovedRefund(database.db, o, {
        lines: [{ index }],
        storeId: demoStoreAt(i).id,
      });
      pairs.push([approved[i * 37]!.id, r.request.id]);
      approved.push({ id: r.request.id, lineId: o.lines[index]!.id });
    }
    for (let i = 0; i < 10; i++) {
      const { o, index } = lines[490 + i]!;
      const r = await insertApprovedRefund(database.db, o, {
        lines: [{ index }],
        status: 'pending_approval',
      });
      await database.db
        .update(refundRequests)
        .set({ status: 'denied' })
        .where(eq(refundRequests.id, r.request.id));
      denied.push(r.request.id);
    }
    await database.close();
    expect(approved).toHaveLength(500);

    // --- faults: the specific createFeed ones first (the first matching rule fires).
    for (const rule of [
      { kind: 'applied-then-hang', operation: 'createFeed', count: 2, hangMs: 3_000 },
      { kind: 'applied-then-error', operation: 'createFeed', count: 2 },
      { kind: 'server-error', operation: 'createFeed', count: 2 },
      { kind: 'feed-fatal', count: 2 },
      { kind: 'feed-item-error', count: 2 },
      { kind: 'truncate-document', operation: 'document', count: 2 },
      { kind: 'throttle', probability: 0.05, seed: 1 },
      { kind: 'server-error', probability: 0.03, seed: 2 },
      { kind: 'unavailable', probability: 0.03, seed: 3 },
      { kind: 'expired-token', probability: 0.02, seed: 4 },
      { kind: 'hang', probability: 0.01, seed: 5, hangMs: 3_000 },
    ] as const) {
      sim.faults.add(rule);
    }

    // --- the executor, killed at random moments, restarted on the same database.
    const env = {
      SOAK_SIM_URL: sim.url,
      SOAK_DATA_DIR: dataDir,
      SOAK_DATABASE_URL: databaseUrl ?? '',
    };
    let kills = 0;
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < KILLS; i++) {
      const { child, done } = runChild(env);
      const wait = 600 + random() * 2_400;
      const exited = await Promise.race([
        done.then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), wait)),
      ]);
      if (!exited) {
        child.kill('SIGKILL');
        await done;
        kills++;
      }
    }
    const last = runChild(env);
    const code = await Promise.race([
      last.done,
      new Promise<number>((resolve) => setTimeout(() => resolve(-2), 150_000)),
    ]);
    if (code === -2) last.child.kill('SIGKILL');
    expect(code).toBe(0);
    expect(kills).toBeGreaterThanOrEqual(20);

    // --- what Amazon paid.
    const ledger = sim.ledger.all();
    const byItem = new Map<string, number>();
    for (const e of ledger)
      byItem.set(e.merchantAdjustmentItemId, (byItem.get(e.merchantAdjustmentItemId) ?? 0) + 1);
    expect([...byItem.values()].every((n) => n === 1)).toBe(true);
    for (const id of denied) expect(byItem.has(id)).toBe(false);
    const excess = new Set<string>();
    for (const [a, b] of pairs) {
      // Exactly one of the two refunds of the same line is paid; the guard refused the other.
      expect(Number(byItem.has(a)) + Number(byItem.has(b))).toBe(1);
      excess.add(byItem.has(a) ? b : a);
    }
    for (const r of approved) if (!excess.has(r.id)) expect(byItem.get(r.id)).toBe(1);
    for (const order of sim.state.orders.values()) {
      for (const line of order.demo.lines) {
        const paid = linePaid(line);
        const mine = ledger.filter(
          (e) => e.amazonOrderId === order.demo.amazonOrderId && e.orderItemId === line.orderItemId,
        );
        for (const k of ['Principal', 'Tax', 'Shipping', 'ShippingTax'] as const) {
          expect(mine.reduce((s, e) => s + (e.components[k] ?? 0), 0)).toBeLessThanOrEqual(paid[k]);
        }
      }
    }

    database = await open();
    try {
      const execs = await database.db
        .select()
        .from(refundExecutions)
        .where(inArray(refundExecutions.refundRequestId, [...excess]));
      expect(execs.map((e) => e.state)).toEqual(execs.map(() => 'rejected'));
      for (const e of execs) expect(e.message).toMatch(/more than was paid/);
      const statuses = await database.db
        .select({ id: refundRequests.id, status: refundRequests.status })
        .from(refundRequests)
        .where(
          inArray(
            refundRequests.id,
            approved.map((a) => a.id),
          ),
        );
      const refunded = statuses.filter((s) => s.status === 'refunded').length;
      expect(refunded).toBe(490);
      console.log(
        `soak on ${engine}: ${kills} kills, ${ledger.length} refunds applied, ${sim.faults.fired.length} faults fired, createFeed ${sim.served.createFeed}`,
      );
    } finally {
      await database.close();
    }
  }, 300_000);
});
