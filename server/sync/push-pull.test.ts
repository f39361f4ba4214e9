import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returnLines, returns, syncRows } from '../database/schema';
import {
  createReturnRows,
  demoStore,
  demoUser,
  endLine,
  freshOrder,
  inspect,
  newReturn,
  rows,
} from '../testing/desktop-rows';
import { ENGINES, startTestBackOffice, type TestBackOffice } from '../testing/engines';
import { enrollTestDevice, type TestDevice } from '../testing/sync-client';

describe.each(ENGINES)('push and pull of returns on %s', (engine) => {
  let bo: TestBackOffice;
  let ny: TestDevice;
  let ny2: TestDevice;
  let clerk: string;
  beforeAll(async () => {
    bo = await startTestBackOffice(engine);
    ny = await enrollTestDevice(bo, 'NY01');
    ny2 = await enrollTestDevice(bo, 'NY01');
    clerk = demoUser('clerk.ny01').id;
  }, 60_000);
  afterAll(() => bo?.stop());

  it('applies a return once; pushing the same mutations again answers duplicate and doubles nothing', async () => {
    const order = await freshOrder(bo, 'US');
    const r = newReturn(ny, order, clerk);
    const create = ny.mutation('returns.create', createReturnRows(r), { userId: clerk });
    const first = await ny.pushOk([create]);
    expect(first.results).toEqual([{ mutationId: create.mutationId, status: 'applied' }]);
    expect(first.lastMutationId).toBe(create.mutationId);

    const again = await ny.pushOk([create]);
    expect(again.results).toEqual([{ mutationId: create.mutationId, status: 'duplicate' }]);
    const [stored] = await bo.db
      .select({ n: count() })
      .from(returns)
      .where(eq(returns.id, r.ret.id));
    expect(stored!.n).toBe(1);
    const [lines] = await bo.db
      .select({ n: count() })
      .from(returnLines)
      .where(eq(returnLines.returnId, r.ret.id));
    expect(lines!.n).toBe(order.lines.length);

    const pulled = await ny2.pullAll();
    const mine = pulled.rows.filter((c) => c.table === 'returns' && c.row.id === r.ret.id);
    expect(mine).toEqual([{ table: 'returns', row: r.ret }]);
  });

  it('two pushes of the same outbox at once: one applies, the other is told duplicate', async () => {
    const r = newReturn(ny, await freshOrder(bo, 'US'), clerk);
    const create = ny.mutation('returns.create', createReturnRows(r), { userId: clerk });
    const answers = await Promise.all([ny.push([create]), ny.push([create])]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const statuses = answers.map((a) => a.body.results[0]!.status).sort();
    expect(statuses).toEqual(['applied', 'duplicate']);
  });

  it('moves state forward only: an older state changes nothing, a terminal state wins', async () => {
    const order = await freshOrder(bo, 'US');
    const r = newReturn(ny, order, clerk);
    await ny.pushOk([ny.mutation('returns.create', createReturnRows(r), { userId: clerk })]);
    const stale = structuredClone(r);
    const inspected = inspect(r, 0, clerk, bo.clock.iso());
    await ny.pushOk([ny.mutation('qc.record', inspected.rows, { userId: clerk })]);
    const disposed = endLine(
      r,
      0,
      'disposed',
      bo.clock.iso(),
      'RESTOCK_STORE',
      order.lines.length === 1 ? 'completed' : 'in_progress',
    );
    await ny.pushOk([ny.mutation('returns.dispose', disposed, { userId: clerk })]);

    // The second till was offline and still has the line as received: it re-sends that state.
    const late = await ny2.pushOk([
      ny2.mutation('returns.note', [rows.returnLines(stale.lines[0]!)], { userId: clerk }),
    ]);
    expect(late.results[0]!.status).toBe('applied');
    const [line] = await bo.db.select().from(returnLines).where(eq(returnLines.id, r.lines[0]!.id));
    expect(line!.state).toBe('disposed');
    const [row] = await bo.db.select().from(syncRows).where(eq(syncRows.rowKey, r.lines[0]!.id));
    expect(row!.data).toMatchObject({ state: 'disposed', disposition: 'RESTOCK_STORE' });
  });

  it('refuses to change what a return was taken with', async () => {
    const order = await freshOrder(bo, 'US');
    const r = newReturn(ny, order, clerk);
    await ny.pushOk([ny.mutation('returns.create', createReturnRows(r), { userId: clerk })]);
    const edited = { ...r.ret, customerComment: 'changed my mind' };
    const answer = await ny.pushOk([
      ny.mutation('returns.edit', [rows.returns(edited)], { userId: clerk }),
    ]);
    expect(answer.results[0]).toMatchObject({ status: 'rejected', code: 'IMMUTABLE' });
  });

  it('a rejected mutation advances lastMutationId and later mutations still apply', async () => {
    const order = await freshOrder(bo, 'US');
    const bad = newReturn(ny, order, clerk);
    bad.ret.orderId = '019a0000-0000-7000-8000-000000000000';
    const good = newReturn(ny, await freshOrder(bo, 'US'), clerk);
    const m1 = ny.mutation('returns.create', createReturnRows(bad), { userId: clerk });
    const m2 = ny.mutation('returns.create', createReturnRows(good), { userId: clerk });
    const answer = await ny.pushOk([m1, m2]);
    expect(answer.results).toEqual([
      expect.objectContaining({
        mutationId: m1.mutationId,
        status: 'rejected',
        code: 'UNKNOWN_REFERENCE',
      }),
      { mutationId: m2.mutationId, status: 'applied' },
    ]);
    expect(answer.lastMutationId).toBe(m2.mutationId);
    expect((await ny.pull(null)).body.lastMutationId).toBe(m2.mutationId);
    // A re-push is told the first answer again.
    const again = await ny.pushOk([m1]);
    expect(again.results[0]).toMatchObject({ status: 'duplicate', code: 'UNKNOWN_REFERENCE' });
    const stored = await bo.db.select().from(returns).where(eq(returns.id, bad.ret.id));
    expect(stored).toEqual([]);
  });

  it('scopes pulls: a store sees its own returns, a region device its region’s, never another region’s', async () => {
    const bo1 = await enrollTestDevice(bo, 'BO01');
    const be = await enrollTestDevice(bo, 'BE01');
    const naLaptop = await enrollTestDevice(bo, 'CH01', { scope: 'region' });
    const euLaptop = await enrollTestDevice(bo, 'MU01', { scope: 'region' });
    const rNy = newReturn(ny, await freshOrder(bo, 'US'), clerk);
    const rBo = newReturn(bo1, await freshOrder(bo, 'CA'), demoUser('clerk.bo01').id);
    const rBe = newReturn(be, await freshOrder(bo, 'DE'), demoUser('clerk.be01').id);
    await ny.pushOk([ny.mutation('returns.create', createReturnRows(rNy), { userId: clerk })]);
    await bo1.pushOk([
      bo1.mutation('returns.create', createReturnRows(rBo), { userId: demoUser('clerk.bo01').id }),
    ]);
    await be.pushOk([
      be.mutation('returns.create', createReturnRows(rBe), { userId: demoUser('clerk.be01').id }),
    ]);

    const seen = async (device: TestDevice) => {
      const { rows: pulled } = await device.pullAll();
      const ids = (table: string) =>
        new Set(pulled.filter((c) => c.table === table).map((c) => String(c.row.id)));
      return {
        returns: ids('returns'),
        users: ids('users'),
        orders: pulled.filter((c) => c.table === 'orders'),
        stores: ids('stores'),
        all: pulled,
      };
    };
    const atBo = await seen(bo1);
    expect(atBo.returns.has(rBo.ret.id)).toBe(true);
    expect(atBo.returns.has(rNy.ret.id)).toBe(false);
    expect(atBo.returns.has(rBe.ret.id)).toBe(false);
    // Its own staff, its regional manager and the chain's people; not another store's clerk.
    expect(atBo.users.has(demoUser('clerk.bo01').id)).toBe(true);
    expect(atBo.users.has(demoUser('rm.na').id)).toBe(true);
    expect(atBo.users.has(demoUser('admin').id)).toBe(true);
    expect(atBo.users.has(demoUser('clerk.ny01').id)).toBe(false);
    expect(atBo.users.has(demoUser('rm.eu').id)).toBe(false);
    // Every store of the chain, and the orders of its region's marketplaces only.
    expect(atBo.stores.size).toBe(8);
    expect(new Set(atBo.orders.map((o) => o.row.marketplace))).toEqual(new Set(['US', 'CA']));
    expect(atBo.all.some((c) => c.table === 'devices' && c.row.id === ny.id)).toBe(false);
    expect(atBo.all.every((c) => !('tokenHash' in c.row))).toBe(true);

    const na = await seen(naLaptop);
    expect(na.returns.has(rNy.ret.id) && na.returns.has(rBo.ret.id)).toBe(true);
    expect(na.returns.has(rBe.ret.id)).toBe(false);
    const eu = await seen(euLaptop);
    expect(eu.returns.has(rBe.ret.id)).toBe(true);
    expect(eu.returns.has(rNy.ret.id)).toBe(false);
    expect(new Set(eu.orders.map((o) => o.row.marketplace))).toEqual(new Set(['DE', 'FR', 'UK']));
  });

  it('serves the demo orders in the desktop’s row shape', async () => {
    const { rows: pulled } = await ny2.pullAll();
    const order = pulled.find((c) => c.table === 'orders')!.row;
    expect(Object.keys(order).sort()).toEqual(
      [
        'id',
        'amazonOrderId',
        'marketplace',
        'marketplaceId',
        'currency',
        'purchasedAt',
        'deliveredAt',
        'status',
        'fulfillment',
        'buyerName',
        'buyerEmail',
        'buyerPhoneLast4',
        'shipCity',
        'shipPostalCode',
        'cachedAt',
      ].sort(),
    );
    const line = pulled.find((c) => c.table === 'orderLines')!.row;
    expect(line).toMatchObject({
      orderId: expect.any(String),
      quantity: expect.any(Number),
      unitPriceMinor: expect.any(Number),
    });
    expect(demoStore('NY01').id).toBe(ny2.storeId);
  });

  it('pages a pull by cookie: small pages add up to the same rows as one', async () => {
    const whole = await ny2.pullAll(null);
    const paged = await ny2.pullAll(null, 97);
    expect(paged.pages).toBeGreaterThan(5);
    expect(paged.rows).toEqual(whole.rows);
    expect(paged.cookie).toBe(whole.cookie);
    // Nothing new: an empty answer, same cookie.
    const after = await ny2.pull(whole.cookie);
    expect(after.body).toMatchObject({ rows: [], more: false, cookie: whole.cookie });
    // Something new after the cookie comes alone.
    const r = newReturn(ny, await freshOrder(bo, 'US'), clerk);
    await ny.pushOk([ny.mutation('returns.create', createReturnRows(r), { userId: clerk })]);
    const next = await ny2.pullAll(whole.cookie);
    expect(next.rows.map((c) => c.table)).toEqual(['returns', ...r.lines.map(() => 'returnLines')]);
  });
});
