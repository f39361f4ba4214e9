import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returns, syncBatches, syncMutations, syncRows } from '../database/schema';
import {
  createReturnRows,
  demoUser,
  freshOrder,
  inspect,
  newReturn,
  rows,
} from '../testing/desktop-rows';
import { ENGINES, startTestBackOffice, type TestBackOffice } from '../testing/engines';
import { enrollTestDevice, type TestDevice } from '../testing/sync-client';

/**
 * A push batch is one transaction with a savepoint per mutation (push.ts, apply-mutation.ts):
 * a rule's refusal undoes that mutation alone; any other failure undoes the whole batch, and the
 * desktop's next push of the same mutations applies each exactly once.
 */
describe.each(ENGINES)('a push batch on %s', (engine) => {
  let bo: TestBackOffice;
  let ny: TestDevice;
  let clerk: string;
  beforeAll(async () => {
    bo = await startTestBackOffice(engine);
    ny = await enrollTestDevice(bo, 'NY01');
    clerk = demoUser('clerk.ny01').id;
  }, 60_000);
  afterAll(() => bo?.stop());

  const processedCount = async (device: TestDevice) => {
    const [row] = await bo.db
      .select({ n: count() })
      .from(syncMutations)
      .where(eq(syncMutations.clientId, device.id));
    return row!.n;
  };
  const storedReturnIds = async (ids: string[]) =>
    (await bo.db.select({ id: returns.id }).from(returns).where(inArray(returns.id, ids))).map(
      (r) => r.id,
    );
  const publishedKeys = async (keys: string[]) =>
    (
      await bo.db
        .select({ key: syncRows.rowKey })
        .from(syncRows)
        .where(inArray(syncRows.rowKey, keys))
    ).map((r) => r.key);

  it('a rejected mutation in the middle rolls back alone: its neighbours, before and after, stand', async () => {
    const first = newReturn(ny, await freshOrder(bo, 'US'), clerk);
    const bad = newReturn(ny, await freshOrder(bo, 'US'), clerk);
    // The return itself is fine and is written before its line is refused: only the
    // mutation's savepoint takes it back.
    const other = await freshOrder(bo, 'US');
    bad.lines[0] = { ...bad.lines[0]!, orderLineId: other.lines[0]!.id };
    const m1 = ny.mutation('returns.create', createReturnRows(first), { userId: clerk });
    const m2 = ny.mutation('returns.create', createReturnRows(bad), { userId: clerk });
    // Works on what m1 wrote in the same batch, not yet published to sync_rows.
    const inspected = inspect(first, 0, clerk, bo.clock.iso());
    const m3 = ny.mutation('qc.record', inspected.rows, { userId: clerk });
    const before = await processedCount(ny);

    const answer = await ny.pushOk([m1, m2, m3]);
    expect(answer.results).toEqual([
      { mutationId: m1.mutationId, status: 'applied' },
      expect.objectContaining({
        mutationId: m2.mutationId,
        status: 'rejected',
        code: 'INVALID_ROW',
      }),
      { mutationId: m3.mutationId, status: 'applied' },
    ]);
    expect(answer.lastMutationId).toBe(m3.mutationId);
    expect(await processedCount(ny)).toBe(before + 3);
    expect(await storedReturnIds([first.ret.id, bad.ret.id])).toEqual([first.ret.id]);
    expect(await publishedKeys([bad.ret.id, ...bad.lines.map((l) => l.id)])).toEqual([]);

    // What a desktop pulls: the return as m3 left it, before its lines (parents first).
    const pulled = (await ny.pullAll()).rows;
    const at = (id: string) => pulled.findIndex((c) => c.row.id === id);
    expect(pulled[at(first.ret.id)]!.row).toMatchObject({ status: 'in_progress' });
    expect(pulled[at(first.lines[0]!.id)]!.row).toMatchObject({ state: 'inspected' });
    for (const line of first.lines) expect(at(first.ret.id)).toBeLessThan(at(line.id));
    expect(at(inspected.qc.id)).toBeGreaterThan(-1);

    // The same mutations again: told the first answers, the refusal with its reason.
    const again = await ny.pushOk([m1, m2, m3]);
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(again.results[1]).toMatchObject({ code: 'INVALID_ROW' });
  });

  it('the same mutation twice in one batch is processed once', async () => {
    const r = newReturn(ny, await freshOrder(bo, 'US'), clerk);
    const m = ny.mutation('returns.create', createReturnRows(r), { userId: clerk });
    const edited = ny.mutation(
      'returns.edit',
      [rows.returns({ ...r.ret, customerComment: 'changed' })],
      { userId: clerk },
    );
    const answer = await ny.pushOk([m, edited, edited, m]);
    expect(answer.results).toEqual([
      { mutationId: m.mutationId, status: 'applied' },
      { mutationId: m.mutationId, status: 'duplicate' },
      expect.objectContaining({ mutationId: edited.mutationId, status: 'rejected' }),
      expect.objectContaining({
        mutationId: edited.mutationId,
        status: 'duplicate',
        code: 'IMMUTABLE',
      }),
    ]);
  });

  it('a failure that is not a refusal answers 500 and records nothing of the batch; the next push applies it once', async () => {
    const device = await enrollTestDevice(bo, 'NY01');
    const a = newReturn(device, await freshOrder(bo, 'US'), clerk);
    const b = newReturn(device, await freshOrder(bo, 'US'), clerk);
    const c = newReturn(device, await freshOrder(bo, 'US'), clerk);
    const batch = [a, b, c].map((r) =>
      device.mutation('returns.create', createReturnRows(r), { userId: clerk }),
    );
    const poisoned = b.lines[0]!.orderLineId;
    // The database fails on b's line, after a's mutation was applied: a bug or an outage
    // looks like this to the push, not like a rule's refusal.
    await bo.db.execute(
      sql.raw(`create function fail_return_line() returns trigger language plpgsql as $$
        begin
          if new.order_line_id = '${poisoned}' then raise exception 'injected failure'; end if;
          return new;
        end $$`),
    );
    await bo.db.execute(
      sql.raw(`create trigger fail_return_line before insert on return_lines
        for each row execute function fail_return_line()`),
    );
    const batchId = crypto.randomUUID();
    let failed;
    try {
      failed = await device.push(batch, { batchId });
    } finally {
      await bo.db.execute(sql.raw('drop trigger fail_return_line on return_lines'));
      await bo.db.execute(sql.raw('drop function fail_return_line'));
    }
    expect(failed.status).toBe(500);
    const ids = [a, b, c].map((r) => r.ret.id);
    expect(await storedReturnIds(ids)).toEqual([]);
    expect(await publishedKeys(ids)).toEqual([]);
    expect(await processedCount(device)).toBe(0);
    expect(await bo.db.select().from(syncBatches).where(eq(syncBatches.batchId, batchId))).toEqual(
      [],
    );
    expect((await device.pull(null)).body.lastMutationId).toBe(0);

    // The desktop pushes the same mutations again (a new batch id): each applied once.
    const retry = await device.pushOk(batch);
    expect(retry.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const replay = await device.pushOk(batch);
    expect(replay.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect((await storedReturnIds(ids)).sort()).toEqual([...ids].sort());
    expect(await processedCount(device)).toBe(3);
    const [published] = await bo.db
      .select({ n: count() })
      .from(syncRows)
      .where(and(eq(syncRows.tableName, 'returns'), inArray(syncRows.rowKey, ids)));
    expect(published!.n).toBe(3);
  });
});
