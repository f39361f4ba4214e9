import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../database/client';
import {
  amazonJobCursors,
  amazonQuarantine,
  amazonReturns,
  orderLines,
  orders,
  returnLines,
  returns,
} from '../database/schema';

/**
 * Amazon's returns reports (seller-fulfilled GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE and FBA
 * GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA) into `amazon_returns`. Each row is read on its own:
 * a malformed one (wrong number of fields, no order id, an order id or quantity that cannot be)
 * is quarantined with the reason and the rest ingested; an unexpected status or reason, or an
 * empty optional column, is kept as text / null and never stops the sync.
 *
 * Linking: the report's order + SKU gives our order line; a return of ours on that line gives
 * the RMA (`return_id`) and its store. A return we have no RMA for (customer-initiated, shipped
 * to Amazon) goes to the marketplace's configured default store (`defaultStoreByMarketplace`),
 * else stays unassigned for the back office to route.
 */

export type ReturnsReportType =
  'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE' | 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA';

const COLUMNS: Record<
  ReturnsReportType,
  {
    order: string;
    rma?: string;
    sku: string;
    quantity: string;
    reason: string;
    status: string;
    date: string;
  }
> = {
  GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE: {
    order: 'Order ID',
    rma: 'Amazon RMA ID',
    sku: 'Merchant SKU',
    quantity: 'Return quantity',
    reason: 'Return Reason',
    status: 'Return request status',
    date: 'Return request date',
  },
  GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA: {
    order: 'order-id',
    sku: 'sku',
    quantity: 'quantity',
    reason: 'reason',
    status: 'status',
    date: 'return-date',
  },
};

const ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;

export interface ParsedReturnRow {
  key: string;
  amazonOrderId: string;
  amazonRmaId: string | null;
  sku: string | null;
  quantity: number;
  reason: string | null;
  status: string | null;
  returnedAt: string | null;
  raw: Record<string, string>;
}

export interface QuarantinedRow {
  rowNo: number;
  reason: string;
  raw: unknown;
}

export function parseReturnsReport(
  reportType: ReturnsReportType,
  text: string,
): { rows: ParsedReturnRow[]; quarantined: QuarantinedRow[] } {
  const c = COLUMNS[reportType];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const header = (lines.shift() ?? '').split('\t');
  for (const required of [c.order, c.quantity]) {
    if (!header.includes(required)) throw new Error(`returns report lacks column ${required}`);
  }
  const rows: ParsedReturnRow[] = [];
  const quarantined: QuarantinedRow[] = [];
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    const rowNo = i + 2;
    if (line.trim() === '') return;
    const fields = line.split('\t');
    if (fields.length !== header.length) {
      quarantined.push({
        rowNo,
        reason: `row has ${fields.length} fields, header has ${header.length}`,
        raw: { line },
      });
      return;
    }
    const raw = Object.fromEntries(header.map((h, j) => [h, fields[j] ?? '']));
    const opt = (name: string | undefined) => (name && raw[name]?.trim()) || null;
    const amazonOrderId = raw[c.order]?.trim() ?? '';
    if (!ORDER_ID.test(amazonOrderId)) {
      quarantined.push({
        rowNo,
        reason: amazonOrderId
          ? `order id ${amazonOrderId} is not an Amazon order id`
          : 'no order id',
        raw,
      });
      return;
    }
    const quantityText = raw[c.quantity]?.trim() ?? '';
    const quantity = quantityText === '' ? 1 : Number(quantityText);
    if (!Number.isInteger(quantity) || quantity < 1) {
      quarantined.push({
        rowNo,
        reason: `quantity "${quantityText}" is not a whole number ≥ 1`,
        raw,
      });
      return;
    }
    const rma = opt(c.rma);
    const sku = opt(c.sku);
    const returnedAt = opt(c.date);
    let key = [amazonOrderId, rma ?? '', sku ?? '', returnedAt ?? ''].join('|');
    if (seen.has(key)) key = `${key}|${rowNo}`;
    seen.add(key);
    rows.push({
      key,
      amazonOrderId,
      amazonRmaId: rma,
      sku,
      quantity,
      reason: opt(c.reason),
      status: opt(c.status),
      returnedAt,
      raw,
    });
  });
  return { rows, quarantined };
}

export interface IngestResult {
  ingested: number;
  quarantined: number;
  linked: number;
}

const CHUNK = 1_000;

export async function ingestReturnsReport(
  db: Db,
  input: {
    reportId: string;
    reportType: ReturnsReportType;
    text: string;
    now: Date;
    defaultStoreByMarketplace?: Record<string, string>;
  },
): Promise<IngestResult> {
  const { rows, quarantined } = parseReturnsReport(input.reportType, input.text);
  let linked = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const orderIds = [...new Set(chunk.map((r) => r.amazonOrderId))];
    const found = await db
      .select({
        id: orders.id,
        amazonOrderId: orders.amazonOrderId,
        marketplace: orders.marketplace,
      })
      .from(orders)
      .where(inArray(orders.amazonOrderId, orderIds));
    const orderBy = new Map(found.map((o) => [o.amazonOrderId, o]));
    const lines =
      found.length === 0
        ? []
        : await db
            .select({ id: orderLines.id, orderId: orderLines.orderId, sku: orderLines.sku })
            .from(orderLines)
            .where(
              inArray(
                orderLines.orderId,
                found.map((o) => o.id),
              ),
            );
    const ours =
      lines.length === 0
        ? []
        : await db
            .select({
              orderLineId: returnLines.orderLineId,
              returnId: returns.id,
              storeId: returns.storeId,
            })
            .from(returnLines)
            .innerJoin(returns, sql`${returns.id} = ${returnLines.returnId}`)
            .where(
              inArray(
                returnLines.orderLineId,
                lines.map((l) => l.id),
              ),
            );
    const values = chunk.map((r) => {
      const order = orderBy.get(r.amazonOrderId);
      const line = order
        ? lines.find((l) => l.orderId === order.id && (!r.sku || l.sku === r.sku))
        : undefined;
      const rma = line ? ours.find((o) => o.orderLineId === line.id) : undefined;
      if (rma) linked++;
      return {
        key: r.key,
        reportType: input.reportType,
        amazonOrderId: r.amazonOrderId,
        amazonRmaId: r.amazonRmaId,
        sku: r.sku,
        orderLineId: line?.id ?? null,
        returnId: rma?.returnId ?? null,
        storeId:
          rma?.storeId ??
          (order ? (input.defaultStoreByMarketplace?.[order.marketplace] ?? null) : null),
        quantity: r.quantity,
        reason: r.reason,
        status: r.status,
        returnedAt: r.returnedAt,
        raw: r.raw,
        ingestedAt: input.now,
      };
    });
    await db
      .insert(amazonReturns)
      .values(values)
      .onConflictDoUpdate({
        target: amazonReturns.key,
        set: {
          status: sql`excluded.status`,
          returnId: sql`coalesce(${amazonReturns.returnId}, excluded.return_id)`,
          storeId: sql`coalesce(${amazonReturns.storeId}, excluded.store_id)`,
          raw: sql`excluded.raw`,
        },
      });
  }
  for (let i = 0; i < quarantined.length; i += CHUNK) {
    await db.insert(amazonQuarantine).values(
      quarantined.slice(i, i + CHUNK).map((q) => ({
        source: input.reportType,
        reportId: input.reportId,
        rowNo: q.rowNo,
        reason: q.reason,
        raw: q.raw,
        createdAt: input.now,
      })),
    );
  }
  return { ingested: rows.length, quarantined: quarantined.length, linked };
}

/** A job's cursor, surviving restarts. */
export async function readCursor(db: Db, job: string): Promise<Record<string, unknown> | null> {
  const [row] = await db
    .select({ cursor: amazonJobCursors.cursor })
    .from(amazonJobCursors)
    .where(sql`${amazonJobCursors.job} = ${job}`);
  return row?.cursor ?? null;
}

export async function writeCursor(
  db: Db,
  job: string,
  cursor: Record<string, unknown>,
  now: Date,
  lastError: string | null = null,
): Promise<void> {
  await db
    .insert(amazonJobCursors)
    .values({ job, cursor, lastRunAt: now, lastError, updatedAt: now })
    .onConflictDoUpdate({
      target: amazonJobCursors.job,
      set: { cursor, lastRunAt: now, lastError, updatedAt: now },
    });
}
