import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvals, refundRequests, syncRows } from '../database/schema';
import {
  createReturnRows,
  decide,
  demoUser,
  freshOrder,
  newReturn,
  paidForOrder,
  refundFor,
  refundRows,
  type DemoOrderWithLines,
  type NewReturn,
} from '../testing/desktop-rows';
import { ENGINES, startTestBackOffice, type TestBackOffice } from '../testing/engines';
import { enrollTestDevice, type TestDevice } from '../testing/sync-client';

describe.each(ENGINES)('refunds and approvals on %s', (engine) => {
  let bo: TestBackOffice;
  let ny: TestDevice;
  let naLaptop: TestDevice;
  let naLaptop2: TestDevice;
  const clerk = demoUser('clerk.ny01').id;
  const rmNa = demoUser('rm.na').id;
  const managerNy = demoUser('manager.ny01').id;

  beforeAll(async () => {
    bo = await startTestBackOffice(engine);
    ny = await enrollTestDevice(bo, 'NY01');
    naLaptop = await enrollTestDevice(bo, 'CH01', { scope: 'region' });
    naLaptop2 = await enrollTestDevice(bo, 'SE01', { scope: 'region' });
  }, 60_000);
  afterAll(() => bo?.stop());

  async function takenReturn(): Promise<{ r: NewReturn; order: DemoOrderWithLines }> {
    const order = await freshOrder(bo, 'US');
    const r = newReturn(ny, order, clerk);
    const answer = await ny.pushOk([
      ny.mutation('returns.create', createReturnRows(r), { userId: clerk }),
    ]);
    expect(answer.results[0]!.status).toBe('applied');
    return { r, order };
  }

  async function requested(options: Parameters<typeof refundFor>[4] = {}) {
    const { r, order } = await takenReturn();
    const refund = refundFor(r, order, clerk, bo.clock.iso(), options);
    const answer = await ny.pushOk([
      ny.mutation('refunds.request', refundRows(refund), { userId: clerk }),
    ]);
    return { r, order, refund, result: answer.results[0]! };
  }

  const statusOf = async (id: string) =>
    (await bo.db.select().from(refundRequests).where(eq(refundRequests.id, id)))[0]?.status;

  it('records a request once; the same request again is a no-op', async () => {
    const { refund, result } = await requested();
    expect(result.status).toBe('applied');
    const again = await ny.pushOk([
      ny.mutation('refunds.request', refundRows(refund), { userId: clerk }),
    ]);
    expect(again.results[0]!.status).toBe('applied');
    expect(await statusOf(refund.request.id)).toBe('pending_approval');
    const changed = { ...refund, request: { ...refund.request, adjustmentReason: 'friendlier' } };
    const edit = await ny.pushOk([
      ny.mutation('refunds.request', refundRows(changed), { userId: clerk }),
    ]);
    expect(edit.results[0]).toMatchObject({ status: 'rejected', code: 'IMMUTABLE' });
  });

  it('never lets requests for an order line add up to more than was paid for it', async () => {
    const { r, order, refund } = await requested();
    // A second request for the same lines (another return of the same order, say) would pay twice.
    const second = refundFor(r, order, clerk, bo.clock.iso());
    const answer = await ny.pushOk([
      ny.mutation('refunds.request', refundRows(second), { userId: clerk }),
    ]);
    expect(answer.results[0]).toMatchObject({ status: 'rejected', code: 'REFUND_EXCEEDS_PAID' });
    expect(await statusOf(second.request.id)).toBeUndefined();

    // One cent more than paid on a fresh order, in a single request.
    const fresh = await takenReturn();
    const paidTotals = refundFor(fresh.r, fresh.order, clerk, bo.clock.iso()).lines.map(
      (l) => l.totalMinor,
    );
    const greedy = refundFor(fresh.r, fresh.order, clerk, bo.clock.iso(), {
      totals: paidTotals.map((t, i) => (i === 0 ? t + 1 : t)),
    });
    const over = await ny.pushOk([
      ny.mutation('refunds.request', refundRows(greedy), { userId: clerk }),
    ]);
    expect(over.results[0]).toMatchObject({ status: 'rejected', code: 'REFUND_EXCEEDS_PAID' });

    // A denied request no longer holds the money back: a new request may then ask for it.
    const denial = decide(refund, naLaptop, 'denied', rmNa, bo.clock.iso());
    expect(
      (
        await naLaptop.pushOk([
          naLaptop.mutation('approvals.decide', denial.rows, { userId: rmNa, storeId: ny.storeId }),
        ])
      ).results[0]!.status,
    ).toBe('applied');
    const retry = refundFor(r, order, clerk, bo.clock.iso());
    const ok = await ny.pushOk([
      ny.mutation('refunds.request', refundRows(retry), { userId: clerk }),
    ]);
    expect(ok.results[0]!.status).toBe('applied');
  });

  it('refuses a request whose digest does not match its content', async () => {
    const { r, order } = await takenReturn();
    const refund = refundFor(r, order, clerk, bo.clock.iso());
    refund.request.digest = 'f'.repeat(64);
    const answer = await ny.pushOk([
      ny.mutation('refunds.request', refundRows(refund), { userId: clerk }),
    ]);
    expect(answer.results[0]).toMatchObject({ status: 'rejected', code: 'DIGEST_MISMATCH' });
  });

  it('accepts a policy approval only where the back office’s policy approves too', async () => {
    const THRESHOLD_USD = 5000; // DEFAULT_APPROVAL_POLICY: strictly below 50 USD, no risk signal
    const autoApproved = async (fits: (paid: number) => boolean, riskSignals: unknown[] = []) => {
      const order = await freshOrder(bo, 'US', { fits: (o) => fits(paidForOrder(o)) });
      const r = newReturn(ny, order, clerk);
      await ny.pushOk([ny.mutation('returns.create', createReturnRows(r), { userId: clerk })]);
      const refund = refundFor(r, order, clerk, bo.clock.iso(), {
        decision: 'auto_approved',
        riskSignals,
      });
      const rows = [
        ...refundRows(refund),
        decide(refund, ny, 'approved', null, bo.clock.iso()).rows[1]!,
      ];
      const answer = await ny.pushOk([ny.mutation('refunds.request', rows, { userId: clerk })]);
      return { refund, result: answer.results[0]! };
    };
    const small = await autoApproved((paid) => paid < THRESHOLD_USD);
    expect(small.result.status).toBe('applied');
    expect(await statusOf(small.refund.request.id)).toBe('approved');
    const big = await autoApproved((paid) => paid >= THRESHOLD_USD);
    expect(big.result).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    // With a risk signal the policy never approves by itself, whatever the amount.
    const risky = await autoApproved((paid) => paid < THRESHOLD_USD, [{ code: 'SERIAL_RETURNER' }]);
    expect(risky.result).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
  });

  it('a regional manager decides a store’s request from any desktop of the region; first decision wins', async () => {
    const { refund } = await requested();
    // Both regional laptops pull the pending request.
    for (const laptop of [naLaptop, naLaptop2]) {
      const { rows } = await laptop.pullAll();
      expect(rows.some((c) => c.table === 'refundRequests' && c.row.id === refund.request.id)).toBe(
        true,
      );
    }
    const first = decide(refund, naLaptop, 'approved', rmNa, bo.clock.iso());
    const second = decide(refund, naLaptop2, 'approved', rmNa, bo.clock.iso());
    const a = await naLaptop.pushOk([
      naLaptop.mutation('approvals.decide', first.rows, { userId: rmNa, storeId: ny.storeId }),
    ]);
    const b = await naLaptop2.pushOk([
      naLaptop2.mutation('approvals.decide', second.rows, { userId: rmNa, storeId: ny.storeId }),
    ]);
    expect(a.results[0]!.status).toBe('applied');
    expect(b.results[0]).toMatchObject({ status: 'rejected', code: 'ALREADY_DECIDED' });
    expect(await statusOf(refund.request.id)).toBe('approved');
    // The store pulls the decided state.
    const { rows } = await ny.pullAll();
    const latest = rows
      .filter((c) => c.table === 'refundRequests' && c.row.id === refund.request.id)
      .at(-1);
    expect(latest?.row.status).toBe('approved');
    expect(rows.some((c) => c.table === 'approvals' && c.row.id === first.approval.id)).toBe(true);
  });

  it('two managers deciding at the same moment: exactly one decision stands', async () => {
    const { refund } = await requested();
    const a = decide(refund, naLaptop, 'approved', rmNa, bo.clock.iso());
    const b = decide(refund, naLaptop2, 'denied', rmNa, bo.clock.iso());
    const [ra, rb] = await Promise.all([
      naLaptop.pushOk([
        naLaptop.mutation('approvals.decide', a.rows, { userId: rmNa, storeId: ny.storeId }),
      ]),
      naLaptop2.pushOk([
        naLaptop2.mutation('approvals.decide', b.rows, { userId: rmNa, storeId: ny.storeId }),
      ]),
    ]);
    const outcomes = [ra.results[0]!, rb.results[0]!];
    // Either order is fine, as long as the loser is told why: a denial after an approval still
    // wins (nothing was submitted), an approval after a denial is too late.
    const live = await bo.db
      .select()
      .from(approvals)
      .where(and(eq(approvals.refundRequestId, refund.request.id), isNull(approvals.beatenAt)));
    expect(live).toHaveLength(1);
    expect(await statusOf(refund.request.id)).toBe(live[0]!.decision);
    if (outcomes.every((o) => o.status === 'applied')) expect(live[0]!.decision).toBe('denied');
    else expect(outcomes.filter((o) => o.code === 'ALREADY_DECIDED')).toHaveLength(1);
  });

  it('a valid denial beats an approval not yet submitted, and the approval goes away as a tombstone', async () => {
    const { refund } = await requested();
    const atTill = decide(refund, ny, 'approved', managerNy, bo.clock.iso(), 'till_pin');
    expect(
      (await ny.pushOk([ny.mutation('approvals.decide', atTill.rows, { userId: managerNy })]))
        .results[0]!.status,
    ).toBe('applied');
    const { cookie } = await naLaptop.pullAll();
    // The regional manager, offline, denied it meanwhile.
    const denial = decide(refund, naLaptop, 'denied', rmNa, bo.clock.iso());
    const answer = await naLaptop.pushOk([
      naLaptop.mutation('approvals.decide', denial.rows, { userId: rmNa, storeId: ny.storeId }),
    ]);
    expect(answer.results[0]!.status).toBe('applied');
    expect(await statusOf(refund.request.id)).toBe('denied');
    const [beaten] = await bo.db
      .select()
      .from(approvals)
      .where(eq(approvals.id, atTill.approval.id));
    expect(beaten!.beatenBy).toBe(denial.approval.id);

    const { rows } = await ny.pullAll(cookie);
    expect(rows).toContainEqual({ table: 'approvals', row: atTill.approval, deleted: true });
    expect(rows).toContainEqual({ table: 'approvals', row: denial.approval });
    expect(rows.filter((c) => c.table === 'refundRequests').at(-1)?.row.status).toBe('denied');

    // After the denial nothing more: a second denial or approval is ALREADY_DECIDED.
    const late = decide(refund, naLaptop2, 'approved', rmNa, bo.clock.iso());
    const lateAnswer = await naLaptop2.pushOk([
      naLaptop2.mutation('approvals.decide', late.rows, { userId: rmNa, storeId: ny.storeId }),
    ]);
    expect(lateAnswer.results[0]).toMatchObject({ code: 'ALREADY_DECIDED' });
  });

  it('once submitted to Amazon, a denial comes too late', async () => {
    const { refund } = await requested();
    const approval = decide(refund, naLaptop, 'approved', rmNa, bo.clock.iso());
    await naLaptop.pushOk([
      naLaptop.mutation('approvals.decide', approval.rows, { userId: rmNa, storeId: ny.storeId }),
    ]);
    // What the refund executor does (a later issue): the back office moves it past approved.
    await bo.db
      .update(refundRequests)
      .set({ status: 'submitted' })
      .where(eq(refundRequests.id, refund.request.id));
    const denial = decide(refund, naLaptop2, 'denied', rmNa, bo.clock.iso());
    const answer = await naLaptop2.pushOk([
      naLaptop2.mutation('approvals.decide', denial.rows, { userId: rmNa, storeId: ny.storeId }),
    ]);
    expect(answer.results[0]).toMatchObject({ status: 'rejected', code: 'ALREADY_DECIDED' });
    const live = await bo.db
      .select()
      .from(approvals)
      .where(and(eq(approvals.refundRequestId, refund.request.id)));
    expect(live.map((a) => [a.id, a.beatenAt])).toEqual([[approval.approval.id, null]]);
  });

  it('refuses decisions by the requester, by someone without the right, out of scope, or bound to another digest', async () => {
    const { refund } = await requested();
    const push = async (
      device: TestDevice,
      decidedBy: string,
      tamper?: (rows: ReturnType<typeof decide>) => void,
    ) => {
      const d = decide(refund, device, 'approved', decidedBy, bo.clock.iso());
      tamper?.(d);
      return (
        await device.pushOk([
          device.mutation('approvals.decide', d.rows, {
            userId: decidedBy,
            storeId: refund.request.storeId,
          }),
        ])
      ).results[0];
    };
    const selfApprover = await requested();
    const own = decide(selfApprover.refund, ny, 'approved', clerk, bo.clock.iso());
    expect(
      (await ny.pushOk([ny.mutation('approvals.decide', own.rows, { userId: clerk })])).results[0],
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(await push(ny, demoUser('clerk.bo01').id)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await push(naLaptop, demoUser('rm.eu').id)).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect(
      await push(naLaptop, rmNa, (d) => {
        (d.rows[1]!.row as { requestDigest: string }).requestDigest = '0'.repeat(64);
      }),
    ).toMatchObject({ code: 'DIGEST_MISMATCH' });
    const euLaptop = await enrollTestDevice(bo, 'BE01', { scope: 'region' });
    expect(await push(euLaptop, rmNa)).toMatchObject({ code: 'OUT_OF_SCOPE' });
    // A status change without a decision, or a device moving it past approved.
    const bare = await ny.pushOk([
      ny.mutation(
        'refunds.approve',
        [{ table: 'refundRequests', row: { ...refund.request, status: 'submitted' } }],
        { userId: clerk },
      ),
    ]);
    expect(bare.results[0]).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await statusOf(refund.request.id)).toBe('pending_approval');
    const [row] = await bo.db.select().from(syncRows).where(eq(syncRows.rowKey, refund.request.id));
    expect(row!.data.status).toBe('pending_approval');
  });
});
