import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_COLUMNS } from '../amazon/client/report-types';
import { amazonQuarantine, amazonReturns } from '../database/schema';
import { deliveredOrders, insertApprovedRefund } from '../refunds/testing';
import { ENGINES, startTestBackOffice, type TestBackOffice } from '../testing/engines';
import { ingestReturnsReport, readCursor, writeCursor } from './returns-ingest';

const TYPE = 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE' as const;
const columns = REPORT_COLUMNS[TYPE];
const tsv = (rows: Record<string, string>[]) =>
  [columns.join('\t'), ...rows.map((r) => columns.map((c) => r[c] ?? '').join('\t'))].join('\n') +
  '\n';

describe.each(ENGINES)('returns report ingest on %s', (engine) => {
  let bo: TestBackOffice;
  beforeAll(async () => {
    bo = await startTestBackOffice(engine);
  });
  afterAll(() => bo?.stop());

  it('quarantines malformed rows with the reason and ingests the rest; odd enums and empty optionals pass; our RMA is linked', async () => {
    const [ours, other] = await deliveredOrders(bo.db);
    const rma = await insertApprovedRefund(bo.db, ours!, { lines: [{ index: 0 }] });
    const row = (orderId: string, sku: string, extra: Record<string, string> = {}) => ({
      'Order ID': orderId,
      'Amazon RMA ID': `D${orderId.slice(-9)}`,
      'Merchant SKU': sku,
      'Return quantity': '1',
      'Return Reason': 'DEFECTIVE',
      'Return request status': 'Approved',
      'Return request date': '2026-01-05',
      ...extra,
    });
    const good = tsv([
      row(ours!.order.amazonOrderId, ours!.lines[0]!.sku),
      row(other!.order.amazonOrderId, other!.lines[0]!.sku, {
        'Return request status': 'SomethingAmazonAddedLater',
      }),
      row('111-2222222-3333333', 'UNKNOWN-SKU', { 'Return Reason': '', 'Amazon RMA ID': '' }),
      row('not-an-order', 'X'),
      row('111-2222222-4444444', 'Y', { 'Return quantity': 'two' }),
    ]);
    const text = good + 'short\trow\n';
    const result = await ingestReturnsReport(bo.db, {
      reportId: 'R1',
      reportType: TYPE,
      text,
      now: new Date(),
    });
    expect(result).toEqual({ ingested: 3, quarantined: 3, linked: 1 });
    const quarantined = await bo.db
      .select()
      .from(amazonQuarantine)
      .where(eq(amazonQuarantine.reportId, 'R1'));
    expect(quarantined.map((q) => q.reason).sort()).toEqual(
      [
        'order id not-an-order is not an Amazon order id',
        'quantity "two" is not a whole number ≥ 1',
        `row has 2 fields, header has ${columns.length}`,
      ].sort(),
    );
    const [linked] = await bo.db
      .select()
      .from(amazonReturns)
      .where(eq(amazonReturns.amazonOrderId, ours!.order.amazonOrderId));
    expect(linked!.returnId).toBe(rma.request.returnId);
    expect(linked!.storeId).toBe(rma.request.storeId);
    const [odd] = await bo.db
      .select()
      .from(amazonReturns)
      .where(eq(amazonReturns.amazonOrderId, other!.order.amazonOrderId));
    expect(odd!.status).toBe('SomethingAmazonAddedLater');
    // The same report again changes nothing (keys are stable).
    await ingestReturnsReport(bo.db, {
      reportId: 'R1b',
      reportType: TYPE,
      text: good,
      now: new Date(),
    });
    expect(await bo.db.select().from(amazonReturns)).toHaveLength(3);
  });

  it('job cursors survive (stored in the database)', async () => {
    await writeCursor(bo.db, 'returns:test', { dataEndTime: '2026-01-01T00:00:00Z' }, new Date());
    expect(await readCursor(bo.db, 'returns:test')).toEqual({
      dataEndTime: '2026-01-01T00:00:00Z',
    });
  });
});
