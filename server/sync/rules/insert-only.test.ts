import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returnLines, reviewFlags } from '../../database/schema';
import {
  createReturnRows,
  demoUser,
  endLine,
  freshOrder,
  inspect,
  labelPrint,
  newReturn,
  photo,
  rows,
  type NewReturn,
} from '../../testing/desktop-rows';
import { ENGINES, startTestBackOffice, type TestBackOffice } from '../../testing/engines';
import { enrollTestDevice, type TestDevice } from '../../testing/sync-client';

describe.each(ENGINES)('insert-only records and conflicting endings on %s', (engine) => {
  let bo: TestBackOffice;
  let till: TestDevice;
  let till2: TestDevice;
  const clerk = demoUser('clerk.ny01').id;
  beforeAll(async () => {
    bo = await startTestBackOffice(engine);
    till = await enrollTestDevice(bo, 'NY01');
    till2 = await enrollTestDevice(bo, 'NY01');
  }, 60_000);
  afterAll(() => bo?.stop());

  async function taken(): Promise<NewReturn> {
    const r = newReturn(till, await freshOrder(bo, 'US'), clerk);
    await till.pushOk([till.mutation('returns.create', createReturnRows(r), { userId: clerk })]);
    return r;
  }
  const pushOne = async (
    device: TestDevice,
    name: string,
    changes: ReturnType<typeof createReturnRows>,
  ) => (await device.pushOk([device.mutation(name, changes, { userId: clerk })])).results[0]!;

  it('QC inspections: the same again is fine, other content under its id is not, corrections once', async () => {
    const r = await taken();
    const first = inspect(r, 0, clerk, bo.clock.iso());
    expect(await pushOne(till, 'qc.record', first.rows)).toMatchObject({ status: 'applied' });
    expect(await pushOne(till, 'qc.record', first.rows)).toMatchObject({ status: 'applied' });
    const altered = { ...first.qc, grade: 'UNSELLABLE' };
    expect(await pushOne(till, 'qc.record', [rows.of('qcInspections', altered)])).toMatchObject({
      code: 'IMMUTABLE',
    });
    const correction = inspect(r, 0, clerk, bo.clock.iso(), first.qc.id);
    expect(await pushOne(till, 'qc.record', correction.rows)).toMatchObject({ status: 'applied' });
    const rival = inspect(r, 0, clerk, bo.clock.iso(), first.qc.id);
    expect(await pushOne(till2, 'qc.record', rival.rows)).toMatchObject({ code: 'IMMUTABLE' });
    const stranger = inspect(r, 0, clerk, bo.clock.iso(), uuidv7());
    expect(await pushOne(till, 'qc.record', stranger.rows)).toMatchObject({
      code: 'UNKNOWN_REFERENCE',
    });
  });

  it('photos travel base64 and must be what they say; other stores cannot add to a return', async () => {
    const r = await taken();
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2048)]);
    const picture = photo(r, clerk, bo.clock.iso(), jpeg);
    expect(await pushOne(till, 'photos.attach', [rows.of('photos', picture)])).toMatchObject({
      status: 'applied',
    });
    const pulled = await till2.pullAll();
    const row = pulled.rows.find((c) => c.table === 'photos' && c.row.id === picture.id)!.row;
    expect(Buffer.from(String(row.bytes), 'base64').equals(jpeg)).toBe(true);

    const lying = { ...photo(r, clerk, bo.clock.iso(), randomBytes(100)), sizeBytes: 99 };
    expect(await pushOne(till, 'photos.attach', [rows.of('photos', lying)])).toMatchObject({
      code: 'INVALID_ROW',
    });
    const tampered = {
      ...photo(r, clerk, bo.clock.iso(), randomBytes(100)),
      sha256: 'a'.repeat(64),
    };
    expect(await pushOne(till, 'photos.attach', [rows.of('photos', tampered)])).toMatchObject({
      code: 'INVALID_ROW',
    });
    const boston = await enrollTestDevice(bo, 'BO01');
    const foreign = photo(r, demoUser('clerk.bo01').id, bo.clock.iso(), randomBytes(64));
    expect(await pushOne(boston, 'photos.attach', [rows.of('photos', foreign)])).toMatchObject({
      code: 'OUT_OF_SCOPE',
    });
  });

  it('large photos are pulled a few at a time, under the byte budget of one answer', async () => {
    const r = await taken();
    const { cookie } = await till2.pullAll();
    const pictures = Array.from({ length: 3 }, () =>
      photo(r, clerk, bo.clock.iso(), randomBytes(1_600_000)),
    );
    for (const picture of pictures) {
      expect(await pushOne(till, 'photos.attach', [rows.of('photos', picture)])).toMatchObject({
        status: 'applied',
      });
    }
    const firstPage = await till2.pull(cookie);
    expect(firstPage.body.more).toBe(true);
    expect(firstPage.body.rows.length).toBeLessThan(3);
    const all = await till2.pullAll(cookie);
    expect(all.pages).toBeGreaterThan(1);
    expect(all.rows.filter((c) => c.table === 'photos').map((c) => c.row.id)).toEqual(
      pictures.map((p) => p.id),
    );
  });

  it('label prints and tote manifests are written once; a line goes in one tote only', async () => {
    const r = await taken();
    const print = labelPrint(r, clerk, bo.clock.iso());
    expect(await pushOne(till, 'labels.print', [rows.of('labelPrints', print)])).toMatchObject({
      status: 'applied',
    });
    expect(await pushOne(till, 'labels.print', [rows.of('labelPrints', print)])).toMatchObject({
      status: 'applied',
    });
    expect(
      await pushOne(till, 'labels.print', [rows.of('labelPrints', { ...print, reprint: true })]),
    ).toMatchObject({ code: 'IMMUTABLE' });

    const manifest = (id = uuidv7()) => ({
      id,
      storeId: till.storeId,
      createdBy: clerk,
      createdAt: bo.clock.iso(),
    });
    const tote = manifest();
    const line = { manifestId: tote.id, returnLineId: r.lines[0]!.id };
    expect(
      await pushOne(till, 'manifests.create', [
        rows.of('manifests', tote),
        rows.of('manifestLines', line),
      ]),
    ).toMatchObject({ status: 'applied' });
    const other = manifest();
    expect(
      await pushOne(till2, 'manifests.create', [
        rows.of('manifests', other),
        rows.of('manifestLines', { manifestId: other.id, returnLineId: r.lines[0]!.id }),
      ]),
    ).toMatchObject({ code: 'IMMUTABLE' });
  });

  it('two different endings of one line: the first stays, the other till converges, a person is asked', async () => {
    const r = await taken();
    const onTill2 = structuredClone(r);
    const inspected = inspect(r, 0, clerk, bo.clock.iso());
    await pushOne(till, 'qc.record', inspected.rows);
    const single = r.lines.length === 1;
    const disposed = endLine(
      r,
      0,
      'disposed',
      bo.clock.iso(),
      'RESTOCK_STORE',
      single ? 'completed' : 'in_progress',
    );
    expect(await pushOne(till, 'returns.dispose', disposed)).toMatchObject({ status: 'applied' });
    const { cookie } = await till2.pullAll();
    // The second till, offline, had the buyer take the item home.
    const cancelled = endLine(
      onTill2,
      0,
      'cancelled',
      bo.clock.iso(),
      null,
      single ? 'cancelled' : 'in_progress',
    );
    expect(await pushOne(till2, 'returns.cancelLine', cancelled)).toMatchObject({
      status: 'applied',
    });

    const [line] = await bo.db.select().from(returnLines).where(eq(returnLines.id, r.lines[0]!.id));
    expect(line!.state).toBe('disposed');
    const flags = await bo.db
      .select()
      .from(reviewFlags)
      .where(eq(reviewFlags.rowKey, r.lines[0]!.id));
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ kind: 'terminal_conflict', tableName: 'returnLines' });
    // The till that lost is sent the line as the back office keeps it.
    const { rows: after } = await till2.pullAll(cookie);
    expect(after.filter((c) => c.row.id === r.lines[0]!.id).at(-1)?.row).toMatchObject({
      state: 'disposed',
      disposition: 'RESTOCK_STORE',
    });
  });
});
