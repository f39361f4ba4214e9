import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../testing';

/** A 1×1 PNG (opaque white), the smallest logo there is. */
const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC';

describe('tote manifests and label branding', () => {
  let t: TestBackend;
  const CLERK = 'till-1';
  const MANAGER = 'till-2';

  beforeEach(async () => {
    t = await testBackend({ storeCode: 'NY01' });
    await t.signIn(CLERK, 'clerk.ny01', t.secrets.clerk);
    await t.signIn(MANAGER, 'manager.ny01', t.secrets.store_manager);
  });
  afterEach(() => t.close());

  const refused = async (channel: string, name: string, input: unknown, code: string) => {
    const before = t.fingerprint();
    const result = await t.backend.dispatch(channel, name, input);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(t.fingerprint()).toBe(before);
  };

  /** Recent delivered US orders of the demo data, each with a line that can come back. */
  const recentOrders = (count: number) => {
    const rows = t.query<{ id: string }>(
      `SELECT o.id FROM orders o
        WHERE o.marketplace = 'US' AND o.status = 'Delivered' AND o.delivered_at >= '2026-11-05'
          AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id
                AND l.category NOT IN ('software','books_media')) >= 1
        ORDER BY o.purchased_at DESC LIMIT ?`,
      count,
    );
    expect(rows).toHaveLength(count);
    return rows.map((r) => r.id);
  };

  /** Takes one unit of the order's first returnable line back, inspects it and disposes of it. */
  const takeAndDispose = async (
    orderId: string,
    disposition: 'SEND_TO_WAREHOUSE' | 'RESTOCK_STORE',
    grade: 'GOOD' | 'LIKE_NEW' = 'GOOD',
  ) => {
    const order = await t.ok(CLERK, 'orders.get', { orderId });
    const line = order.lines.find((l) => !['software', 'books_media'].includes(l.category))!;
    const returnLineId = randomUUID();
    const created = await t.ok(CLERK, 'returns.create', {
      id: randomUUID(),
      orderId,
      lines: [
        {
          id: returnLineId,
          orderLineId: line.id,
          quantity: 1,
          reasonCode: 'DEFECTIVE',
          opened: false,
          damaged: false,
          missingParts: false,
        },
      ],
    });
    await t.ok(CLERK, 'qc.record', { id: randomUUID(), returnLineId, grade });
    await t.ok(CLERK, 'returns.dispose', {
      returnLineId,
      disposition,
    });
    return { returnId: created.returnId, returnLineId, sku: line.sku };
  };

  it('packs lines sent to the warehouse in one tote, once, and refuses restocked ones', async () => {
    const [a, b, c] = recentOrders(3);
    const first = await takeAndDispose(a!, 'SEND_TO_WAREHOUSE');
    const second = await takeAndDispose(b!, 'SEND_TO_WAREHOUSE');
    const restocked = await takeAndDispose(c!, 'RESTOCK_STORE', 'LIKE_NEW');

    const pending = await t.ok(CLERK, 'manifests.pending', {});
    expect(pending.lines.map((l) => l.returnLineId).sort()).toEqual(
      [first.returnLineId, second.returnLineId].sort(),
    );
    expect(pending.lines.find((l) => l.returnLineId === first.returnLineId)).toMatchObject({
      sku: first.sku,
      quantity: 1,
      disposition: 'SEND_TO_WAREHOUSE',
    });
    expect(pending.lines[0]!.rmaNumber).toMatch(/NY01/);

    await refused(
      CLERK,
      'manifests.create',
      { id: randomUUID(), returnLineIds: [first.returnLineId, restocked.returnLineId] },
      'DISPOSITION_NOT_ALLOWED',
    );

    const manifestId = randomUUID();
    const created = await t.ok(CLERK, 'manifests.create', {
      id: manifestId,
      returnLineIds: [first.returnLineId, second.returnLineId],
    });
    expect(created).toMatchObject({ manifestId, lineCount: 2 });
    expect(Buffer.from(created.pdfBase64, 'base64').subarray(0, 5).toString('latin1')).toBe(
      '%PDF-',
    );
    expect(t.query('SELECT id, store_id FROM manifests')).toEqual([
      { id: manifestId, store_id: expect.any(String) },
    ]);
    expect(
      t
        .query<{ return_line_id: string }>(
          'SELECT return_line_id FROM manifest_lines WHERE manifest_id = ?',
          manifestId,
        )
        .map((r) => r.return_line_id)
        .sort(),
    ).toEqual([first.returnLineId, second.returnLineId].sort());
    const audit = t.query<{ entity_id: string }>(
      "SELECT entity_id FROM audit_events WHERE action = 'manifests.create'",
    );
    expect(audit).toEqual([{ entity_id: manifestId }]);
    expect(t.query("SELECT id FROM outbox WHERE name = 'manifests.create'")).toHaveLength(1);
    expect((await t.ok(CLERK, 'manifests.pending', {})).lines).toEqual([]);

    await refused(
      CLERK,
      'manifests.create',
      { id: randomUUID(), returnLineIds: [second.returnLineId] },
      'CONFLICT',
    );
    await refused(
      CLERK,
      'manifests.create',
      { id: randomUUID(), returnLineIds: [randomUUID()] },
      'NOT_FOUND',
    );
  });

  it('prints the store logo on labels, and refuses a logo that is not an image', async () => {
    const [orderId] = recentOrders(1);
    const { returnId } = await takeAndDispose(orderId!, 'SEND_TO_WAREHOUSE');
    const [store] = t.query<{ id: string }>("SELECT id FROM stores WHERE code = 'NY01'");
    const storeId = store!.id;

    const pdfBytes = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');
    await refused(
      MANAGER,
      'labels.setLogo',
      { storeId, mime: 'image/png', dataBase64: pdfBytes.toString('base64') },
      'NOT_AN_IMAGE',
    );
    await refused(
      CLERK,
      'labels.setLogo',
      { storeId, mime: 'image/png', dataBase64: ONE_PIXEL_PNG },
      'FORBIDDEN',
    );

    const saved = await t.ok(MANAGER, 'labels.setLogo', {
      storeId,
      mime: 'image/png',
      dataBase64: ONE_PIXEL_PNG,
    });
    expect(saved).toMatchObject({ storeId, mime: 'image/png' });
    expect(
      t.query("SELECT key FROM settings WHERE scope = ? AND key = 'labelLogo'", storeId),
    ).toHaveLength(1);
    expect(t.query("SELECT id FROM audit_events WHERE action = 'labels.setLogo'")).toHaveLength(1);

    const printed = await t.ok(CLERK, 'labels.print', { id: randomUUID(), returnId });
    expect(Buffer.from(printed.pdfBase64, 'base64').subarray(0, 5).toString('latin1')).toBe(
      '%PDF-',
    );
  });

  it('still prints when the stored logo is not an image', async () => {
    const [orderId] = recentOrders(1);
    const { returnId } = await takeAndDispose(orderId!, 'SEND_TO_WAREHOUSE');
    const [store] = t.query<{ id: string }>("SELECT id FROM stores WHERE code = 'NY01'");
    // Written around the upload's check, as a bad sync or an old version might have.
    const Database = (await import('better-sqlite3')).default;
    const writer = new Database(`${t.dataDir}/returndesk.sqlite`);
    try {
      writer
        .prepare(
          "INSERT INTO settings (scope, key, value, updated_at) VALUES (?, 'labelLogo', ?, '2026-11-21T00:00:00.000Z')",
        )
        .run(store!.id, JSON.stringify({ mime: 'image/png', dataBase64: 'bm90IGFuIGltYWdl' }));
    } finally {
      writer.close();
    }
    const printed = await t.ok(CLERK, 'labels.print', { id: randomUUID(), returnId });
    expect(Buffer.from(printed.pdfBase64, 'base64').subarray(0, 5).toString('latin1')).toBe(
      '%PDF-',
    );
  });
});
