import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../testing';

/**
 * The clerk's job on the real backend and a real SQLite file: find, take back, inspect, refund,
 * approve. Every refusal leaves the database as it was.
 */
describe('the returns counter', () => {
  let t: TestBackend;
  const CLERK = 'till-1';

  beforeEach(async () => {
    t = await testBackend({ storeCode: 'NY01' });
    await t.signIn(CLERK, 'clerk.ny01', t.secrets.clerk);
  });
  afterEach(() => t.close());

  /** A demo order matching the SQL condition (orders o, with its line count as n). */
  const pickOrder = (where: string) => {
    const [row] = t.query<{ id: string; amazonOrderId: string }>(
      `SELECT o.id, o.amazon_order_id AS amazonOrderId FROM orders o
        WHERE ${where} AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) >= 1
        ORDER BY o.purchased_at DESC LIMIT 1`,
    );
    if (!row) throw new Error(`no demo order where ${where}`);
    return row;
  };
  const recentUsOrder = () =>
    pickOrder(
      "o.marketplace = 'US' AND o.status = 'Delivered' AND o.delivered_at >= '2026-11-05' AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id AND l.category NOT IN ('software','books_media')) >= 1",
    );
  const refused = async (name: string, input: unknown, code: string) => {
    const before = t.fingerprint();
    const result = await t.backend.dispatch(CLERK, name, input);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(t.fingerprint()).toBe(before);
  };

  const takeReturn = async (
    orderId: string,
    lineIndex = 0,
    overrides: Record<string, unknown> = {},
  ) => {
    const order = await t.ok(CLERK, 'orders.get', { orderId });
    const line =
      order.lines.filter((l) => !['software', 'books_media'].includes(l.category))[lineIndex] ??
      order.lines[0]!;
    const created = await t.ok(CLERK, 'returns.create', {
      id: randomUUID(),
      orderId,
      lines: [
        {
          id: randomUUID(),
          orderLineId: line.id,
          quantity: 1,
          reasonCode: 'DEFECTIVE',
          opened: false,
          damaged: false,
          missingParts: false,
        },
      ],
      ...overrides,
    });
    return { order, line, created };
  };

  /** The dearest line of a recent US order priced at 100 USD or more: above the auto-approval threshold. */
  const dearLine = async () => {
    const dear = pickOrder(
      "o.marketplace = 'US' AND o.status = 'Delivered' AND o.delivered_at >= '2026-11-01' AND (SELECT max(l.unit_price_minor) FROM order_lines l WHERE l.order_id = o.id) >= 10000",
    );
    const order = await t.ok(CLERK, 'orders.get', { orderId: dear.id });
    const line = order.lines.reduce((a, b) =>
      a.unitPrice.amountMinor >= b.unitPrice.amountMinor ? a : b,
    );
    return { order, line };
  };
  /** Takes back one unit of an order line; answers the return and its line ids. */
  const returnOneUnit = async (
    orderId: string,
    orderLineId: string,
    reasonCode: 'DEFECTIVE' | 'NOT_AS_DESCRIBED',
    opened = false,
  ) => {
    const created = await t.ok(CLERK, 'returns.create', {
      id: randomUUID(),
      orderId,
      lines: [
        {
          id: randomUUID(),
          orderLineId,
          quantity: 1,
          reasonCode,
          opened,
          damaged: false,
          missingParts: false,
        },
      ],
    });
    const returnLineId = (await t.ok(CLERK, 'returns.get', { returnId: created.returnId }))
      .lines[0]!.id;
    return { created, returnLineId };
  };

  it('finds an order by id, by buyer name, email and phone, masked for a clerk', async () => {
    const { id, amazonOrderId } = recentUsOrder();
    const [buyer] = t.query<{ buyer_name: string; buyer_email: string; buyer_phone_last4: string }>(
      'SELECT buyer_name, buyer_email, buyer_phone_last4 FROM orders WHERE id = ?',
      id,
    );
    const byId = await t.ok(CLERK, 'orders.find', { query: amazonOrderId });
    expect(byId.matchedBy).toBe('amazon_order_id');
    expect(byId.orders.map((o) => o.id)).toEqual([id]);
    expect(byId.orders[0]!.buyerName).toContain('*');
    expect(byId.orders[0]!.lines.length).toBeGreaterThan(0);

    const surname = buyer!.buyer_name.split(' ').at(-1)!;
    const byName = await t.ok(CLERK, 'orders.find', { query: surname.slice(0, 4).toLowerCase() });
    expect(byName.matchedBy).toBe('buyer_name');
    expect(byName.orders.map((o) => o.id)).toContain(id);
    expect(
      (await t.ok(CLERK, 'orders.find', { query: buyer!.buyer_email.toUpperCase() })).orders.map(
        (o) => o.id,
      ),
    ).toContain(id);
    expect(
      (await t.ok(CLERK, 'orders.find', { query: buyer!.buyer_phone_last4 })).orders.map(
        (o) => o.id,
      ),
    ).toContain(id);
  });

  it('refuses an order id in the wrong format with INVALID_ORDER_ID', async () => {
    await refused('orders.find', { query: '123-456-789' }, 'INVALID_ORDER_ID');
    await refused('orders.find', { query: '1234567890123' }, 'INVALID_ORDER_ID');
  });

  it('takes a return: RMA number from the store, device and day, rows + audit + outbox in one go', async () => {
    const { id } = recentUsOrder();
    const auditBefore = t.query<{ n: number }>('SELECT count(*) AS n FROM audit_events')[0]!.n;
    const { created } = await takeReturn(id);
    expect(created.rmaNumber).toBe('NY01-A-261121-0001');
    const detail = await t.ok(CLERK, 'returns.get', { returnId: created.returnId });
    expect(detail).toMatchObject({
      rmaNumber: created.rmaNumber,
      status: 'open',
      storeCode: 'NY01',
    });
    expect(detail.lines[0]).toMatchObject({
      state: 'received',
      reasonCode: 'DEFECTIVE',
      restockingFeeBps: 0,
    });
    expect(detail.timeline.map((e) => e.action)).toEqual(['returns.create']);
    expect(t.query<{ n: number }>('SELECT count(*) AS n FROM audit_events')[0]!.n).toBe(
      auditBefore + 1,
    );
    expect(
      t.query<{ name: string }>("SELECT name FROM outbox WHERE name = 'returns.create'"),
    ).toHaveLength(1);

    const second = await takeReturn(recentUsOrder().id, 0).catch(() => null);
    if (second) expect(second.created.rmaNumber).toBe('NY01-A-261121-0002');
  });

  it('refuses bad intake input, and nothing stored changes', async () => {
    const { id } = recentUsOrder();
    const order = await t.ok(CLERK, 'orders.get', { orderId: id });
    const line = order.lines[0]!;
    const base = { id: randomUUID(), orderId: id };
    const lineInput = {
      id: randomUUID(),
      orderLineId: line.id,
      quantity: 1,
      reasonCode: 'DEFECTIVE',
      opened: false,
      damaged: false,
      missingParts: false,
    };
    await refused(
      'returns.create',
      { ...base, lines: [{ ...lineInput, quantity: 0 }] },
      'INVALID_INPUT',
    );
    await refused(
      'returns.create',
      { ...base, lines: [{ ...lineInput, quantity: line.quantity + 1 }] },
      'QUANTITY_EXCEEDS_REMAINING',
    );
    await refused(
      'returns.create',
      { ...base, lines: [{ ...lineInput, reasonCode: 'CHANGED_MY_MIND' }] },
      'INVALID_INPUT',
    );
    await refused(
      'returns.create',
      { ...base, lines: [lineInput], customerComment: 'x'.repeat(10 * 1024 * 1024) },
      'INVALID_INPUT',
    );
    await refused(
      'returns.create',
      { ...base, orderId: randomUUID(), lines: [lineInput] },
      'NOT_FOUND',
    );
  });

  it('refuses a late return to a clerk; a manager overrides it at the till with a PIN and a reason, once', async () => {
    const late = pickOrder(
      "o.marketplace = 'US' AND o.status = 'Delivered' AND o.delivered_at < '2026-09-01'",
    );
    const order = await t.ok(CLERK, 'orders.get', { orderId: late.id });
    const line = order.lines[0]!;
    const assess = await t.ok(CLERK, 'returns.assess', {
      orderId: late.id,
      lines: [
        {
          orderLineId: line.id,
          quantity: 1,
          reasonCode: 'UNWANTED_ITEM',
          opened: false,
          damaged: false,
          missingParts: false,
        },
      ],
    });
    expect(assess.lines[0]!.verdict).toMatchObject({
      eligible: false,
      overridable: true,
      withinWindow: false,
    });
    const input = {
      id: randomUUID(),
      orderId: late.id,
      lines: [
        {
          id: randomUUID(),
          orderLineId: line.id,
          quantity: 1,
          reasonCode: 'UNWANTED_ITEM' as const,
          opened: false,
          damaged: false,
          missingParts: false,
        },
      ],
    };
    await refused('returns.create', input, 'NOT_ELIGIBLE');
    await refused(
      'returns.create',
      { ...input, override: { reason: 'loyal customer' } },
      'OVERRIDE_NOT_ALLOWED',
    );

    // A clerk cannot step up as themselves.
    await expect(
      t.call(CLERK, 'auth.stepUp', {
        username: 'clerk.ny01',
        secret: t.secrets.clerk,
        purpose: 'returns.override',
      }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const grant = await t.ok(CLERK, 'auth.stepUp', {
      username: 'manager.ny01',
      secret: t.secrets.store_manager,
      purpose: 'returns.override',
    });
    const created = await t.ok(CLERK, 'returns.create', {
      ...input,
      override: { reason: 'loyal customer', grantId: grant.grantId },
    });
    const detail = await t.ok(CLERK, 'returns.get', { returnId: created.returnId });
    expect(detail.override?.reason).toBe('loyal customer');
    expect(detail.lines[0]!.restockingFeeBps).toBeGreaterThan(0); // the late fee applies to an override
    await refused(
      'returns.create',
      { ...input, id: randomUUID(), override: { reason: 'again', grantId: grant.grantId } },
      'GRANT_INVALID',
    );
    expect((await t.ok(CLERK, 'session.current', {})).user?.username).toBe('clerk.ny01');
  });

  it('enforces received → inspected → disposed, grades decide destinations, serials are checked', async () => {
    const withSerial = pickOrder(
      "o.marketplace = 'US' AND o.status = 'Delivered' AND o.delivered_at >= '2026-11-01' AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.serial_number IS NOT NULL)",
    );
    const order = await t.ok(CLERK, 'orders.get', { orderId: withSerial.id });
    const line = order.lines.find((l) => l.hasSerial)!;
    const { returnLineId } = await returnOneUnit(order.id, line.id, 'DEFECTIVE', true);
    await refused('returns.dispose', { returnLineId, disposition: 'RESTOCK_STORE' }, 'QC_REQUIRED');
    const qc = await t.ok(CLERK, 'qc.record', {
      id: randomUUID(),
      returnLineId,
      grade: 'UNSELLABLE',
      defects: ['not_working'],
      serialScanned: 'WRONG-SERIAL-1',
    });
    expect(qc.serialCheck).toBe('mismatch');
    await refused(
      'returns.dispose',
      { returnLineId, disposition: 'RESTOCK_STORE' },
      'DISPOSITION_NOT_ALLOWED',
    );
    await refused('qc.record', { id: randomUUID(), returnLineId, grade: 'GOOD' }, 'CONFLICT');
    const corrected = await t.ok(CLERK, 'qc.record', {
      id: randomUUID(),
      returnLineId,
      grade: 'UNSELLABLE',
      defects: ['not_working'],
      serialScanned: null,
      supersedesId: qc.id,
    });
    expect(corrected.supersedesId).toBe(qc.id);
    const disposed = await t.ok(CLERK, 'returns.dispose', {
      returnLineId,
      disposition: 'RETURN_TO_VENDOR',
    });
    expect(disposed).toMatchObject({ state: 'disposed', returnStatus: 'completed' });
    await refused(
      'qc.record',
      { id: randomUUID(), returnLineId, grade: 'GOOD', supersedesId: corrected.id },
      'INVALID_TRANSITION',
    );
    expect(
      t.query('SELECT id FROM qc_inspections WHERE return_line_id = ?', returnLineId),
    ).toHaveLength(2);
  });

  it('requests refunds: small ones approved by policy, large ones wait for a manager’s PIN at the till', async () => {
    const cheap = pickOrder(
      "o.marketplace = 'US' AND o.status = 'Delivered' AND o.delivered_at >= '2026-11-01' AND (SELECT max(l.unit_price_minor) FROM order_lines l WHERE l.order_id = o.id) < 3000 AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) = 1",
    );
    const small = await takeReturn(cheap.id);
    const auto = await t.ok(CLERK, 'refunds.request', {
      id: randomUUID(),
      returnId: small.created.returnId,
    });
    expect(auto).toMatchObject({
      status: 'approved',
      decision: 'auto_approved',
      approval: { method: 'policy' },
    });
    await refused(
      'refunds.request',
      { id: randomUUID(), returnId: small.created.returnId },
      'REFUND_ALREADY_REQUESTED',
    );

    const { order, line } = await dearLine();
    const { created, returnLineId } = await returnOneUnit(order.id, line.id, 'DEFECTIVE');
    await refused(
      'refunds.request',
      { id: randomUUID(), returnId: created.returnId, lines: [{ returnLineId, totalMinor: 100 }] },
      'ADJUSTMENT_REASON_REQUIRED',
    );
    await refused(
      'refunds.request',
      {
        id: randomUUID(),
        returnId: created.returnId,
        lines: [{ returnLineId, totalMinor: 99_999_999 }],
        adjustmentReason: 'more',
      },
      'REFUND_EXCEEDS_PAID',
    );
    const pending = await t.ok(CLERK, 'refunds.request', {
      id: randomUUID(),
      returnId: created.returnId,
    });
    expect(pending).toMatchObject({
      status: 'pending_approval',
      decision: 'needs_manager',
      approval: null,
    });
    expect(pending.decisionReasons.map((r) => r.code)).toContain('ABOVE_THRESHOLD');

    await refused(
      'approvals.decide',
      { id: randomUUID(), refundRequestId: pending.id, decision: 'approved' },
      'FORBIDDEN',
    );
    const grant = await t.ok(CLERK, 'auth.stepUp', {
      username: 'manager.ny01',
      secret: t.secrets.store_manager,
      purpose: 'approvals.decide',
    });
    const decided = await t.ok(CLERK, 'approvals.decide', {
      id: randomUUID(),
      refundRequestId: pending.id,
      decision: 'approved',
      comment: 'checked the item',
      grantId: grant.grantId,
    });
    expect(decided).toMatchObject({
      status: 'approved',
      approval: { method: 'till_pin', decision: 'approved', comment: 'checked the item' },
    });
    const again = await t.ok(CLERK, 'auth.stepUp', {
      username: 'manager.ny01',
      secret: t.secrets.store_manager,
      purpose: 'approvals.decide',
    });
    await refused(
      'approvals.decide',
      { id: randomUUID(), refundRequestId: pending.id, decision: 'denied', grantId: again.grantId },
      'ALREADY_DECIDED',
    );

    // The amount on record is the sum of its lines; the refund never exceeds what was paid.
    const [sums] = t.query<{ total: number; lines: number }>(
      'SELECT r.total_minor AS total, (SELECT sum(total_minor) FROM refund_request_lines WHERE refund_request_id = r.id) AS lines FROM refund_requests r WHERE r.id = ?',
      pending.id,
    );
    expect(sums!.total).toBe(sums!.lines);
    expect(sums!.total).toBeLessThanOrEqual(line.paid.amountMinor);
  });

  it('lists waiting requests in a manager’s queue, who decides there with their own session', async () => {
    const { order, line } = await dearLine();
    const { created } = await returnOneUnit(order.id, line.id, 'NOT_AS_DESCRIBED');
    const pending = await t.ok(CLERK, 'refunds.request', {
      id: randomUUID(),
      returnId: created.returnId,
    });
    await t.signIn('rm-desk', 'rm.na', t.secrets.regional_manager);
    const queue = await t.ok('rm-desk', 'approvals.queue', {});
    expect(queue.map((r) => r.id)).toContain(pending.id);
    const denied = await t.ok('rm-desk', 'approvals.decide', {
      id: randomUUID(),
      refundRequestId: pending.id,
      decision: 'denied',
      comment: 'item not ours',
    });
    expect(denied).toMatchObject({ status: 'denied', approval: { method: 'queue' } });
    expect(await t.ok('rm-desk', 'approvals.queue', {})).toEqual([]);
  });

  it('attaches photos that are images and refuses anything else', async () => {
    const { created } = await takeReturn(recentUsOrder().id);
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d4948445200000001000000010806000000',
      'hex',
    ).toString('base64');
    await refused(
      'photos.attach',
      {
        id: randomUUID(),
        returnId: created.returnId,
        stage: 'intake',
        mime: 'image/png',
        dataBase64: Buffer.from('%PDF-1.7 not a photo').toString('base64'),
      },
      'NOT_AN_IMAGE',
    );
    await refused(
      'photos.attach',
      {
        id: randomUUID(),
        returnId: created.returnId,
        stage: 'intake',
        mime: 'image/jpeg',
        dataBase64: png,
      },
      'NOT_AN_IMAGE',
    );
    const photo = await t.ok(CLERK, 'photos.attach', {
      id: randomUUID(),
      returnId: created.returnId,
      stage: 'intake',
      mime: 'image/png',
      dataBase64: png,
    });
    expect(photo.sha256).toMatch(/^[0-9a-f]{64}$/);
    await refused(
      'photos.attach',
      {
        id: randomUUID(),
        returnId: created.returnId,
        stage: 'qc',
        mime: 'image/png',
        dataBase64: png,
      },
      'CONFLICT',
    );
    expect((await t.ok(CLERK, 'photos.get', { photoId: photo.id })).dataBase64).toBe(png);
  });

  it('prints the RMA label as a PDF, and audits reprints with their reason', async () => {
    const { created } = await takeReturn(recentUsOrder().id);
    const first = await t.ok(CLERK, 'labels.print', {
      id: randomUUID(),
      returnId: created.returnId,
    });
    expect(first).toMatchObject({ reprint: false, printCount: 1 });
    expect(Buffer.from(first.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    await refused(
      'labels.print',
      { id: randomUUID(), returnId: created.returnId },
      'REPRINT_REASON_REQUIRED',
    );
    const again = await t.ok(CLERK, 'labels.print', {
      id: randomUUID(),
      returnId: created.returnId,
      reason: 'label torn',
    });
    expect(again).toMatchObject({ reprint: true, printCount: 2 });
    const detail = await t.ok(CLERK, 'returns.get', { returnId: created.returnId });
    expect(detail.labelPrints.map((p) => [p.reprint, p.reason])).toEqual([
      [true, 'label torn'],
      [false, null],
    ]);
    expect(detail.timeline.map((e) => e.action)).toEqual([
      'returns.create',
      'labels.print',
      'labels.reprint',
    ]);
  });
});
