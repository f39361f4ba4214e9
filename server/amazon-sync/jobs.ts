import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { SpApiClient } from '../amazon/client';
import { decimalToMinor, isKnownCurrency } from '../amazon/client/amounts';
import { queryRows, type Db } from '../database/client';
import {
  amazonQuarantine,
  amazonRefundEvents,
  amazonSettlementLines,
  orderPurges,
  orders,
} from '../database/schema';
import { orderRow, type OrderRecord } from '../orders/order-rows';

import { publishRows } from '../sync/sync-rows';
import { withSyncWrite } from '../sync/write-lock';
import { MARKETPLACE_CODES, MARKETPLACES } from '../../shared/domain/marketplaces';
import { publishAmazonRefunds } from './amazon-refunds';
import {
  ingestReturnsReport,
  parseReturnsReport,
  readCursor,
  writeCursor,
  type IngestResult,
} from './returns-ingest';

const DAY = 86_400_000;
const ALL_MARKETPLACE_IDS = MARKETPLACE_CODES.map((m) => MARKETPLACES[m].id);

async function quarantine(
  db: Db,
  source: string,
  reportId: string | null,
  rows: { rowNo: number | null; reason: string; raw: unknown }[],
  now: Date,
) {
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insert(amazonQuarantine).values(
      rows.slice(i, i + 1000).map((q) => ({
        source,
        reportId,
        rowNo: q.rowNo,
        reason: q.reason.slice(0, 2000),
        raw: (q.raw ?? null) as object,
        createdAt: now,
      })),
    );
  }
}

// ---- Returns report -------------------------------------------------------------------------

export const RETURNS_JOB = 'returns-report';

/**
 * Requests the seller-fulfilled returns report since the cursor (one day's overlap: rows are
 * upserted by key) and ingests it row by row (`ingestReturnsReport`: malformed rows quarantined).
 */
export async function runReturnsReportJob(
  db: Db,
  client: SpApiClient,
  options: {
    now: () => number;
    firstDays?: number;
    poll?: { intervalMs?: number; timeoutMs?: number };
    defaultStoreByMarketplace?: Record<string, string>;
  },
): Promise<IngestResult> {
  const startedAt = options.now();
  const cursor = (await readCursor(db, RETURNS_JOB)) as { since?: string } | null;
  const since =
    cursor?.since ?? new Date(startedAt - (options.firstDays ?? 60) * DAY).toISOString();
  const reportType = 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE' as const;
  const reportId = await client.reports.createReport({
    reportType,
    marketplaceIds: ALL_MARKETPLACE_IDS,
    dataStartTime: since,
  });
  const report = await client.reports.waitForReport(reportId, options.poll);
  const doc = await client.reports.getReportDocument(report.reportDocumentId!);
  const text = await client.reports.downloadReportDocument(doc);
  const result = await ingestReturnsReport(db, {
    reportId,
    reportType,
    text,
    now: new Date(startedAt),
    defaultStoreByMarketplace: options.defaultStoreByMarketplace,
  });
  // Refunds Amazon made by itself for these orders reach the counters (ALREADY_REFUNDED).
  await publishAmazonRefunds(
    db,
    parseReturnsReport(reportType, text).rows.map((r) => r.amazonOrderId),
    new Date(startedAt),
  );
  await writeCursor(
    db,
    RETURNS_JOB,
    { since: new Date(startedAt - DAY).toISOString() },
    new Date(options.now()),
  );
  return result;
}

// ---- Settlement reports ---------------------------------------------------------------------

export const SETTLEMENTS_JOB = 'settlement-reports';
const SETTLEMENT = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';

/** Parses a settlement flat file row by row: a row we cannot read is quarantined, not fatal. */
export function parseSettlementReport(text: string) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const header = (lines.shift() ?? '').split('\t');
  if (!header.includes('settlement-id')) throw new Error('settlement report lacks settlement-id');
  const rows: (typeof amazonSettlementLines.$inferInsert)[] = [];
  const quarantined: { rowNo: number; reason: string; raw: unknown }[] = [];
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
    const opt = (name: string) => raw[name]?.trim() || null;
    const settlementId = opt('settlement-id');
    if (!settlementId) {
      quarantined.push({ rowNo, reason: 'no settlement id', raw });
      return;
    }
    const currency = opt('currency');
    const amountText = opt('amount') ?? opt('total-amount');
    let amountMinor: number | null = null;
    if (amountText !== null) {
      if (!currency || !isKnownCurrency(currency)) {
        quarantined.push({ rowNo, reason: `unknown currency "${currency ?? ''}"`, raw });
        return;
      }
      try {
        amountMinor = decimalToMinor(amountText, currency);
      } catch {
        quarantined.push({ rowNo, reason: `amount "${amountText}" is not a decimal`, raw });
        return;
      }
    }
    rows.push({
      settlementId,
      lineNo: rowNo,
      amazonOrderId: opt('order-id'),
      transactionType: opt('transaction-type'),
      amountType: opt('amount-type'),
      amountDescription: opt('amount-description'),
      currency,
      amountMinor,
      postedAt: opt('posted-date-time') ?? opt('posted-date'),
      raw,
    });
  });
  return { rows, quarantined };
}

/** Settlement reports Amazon made since the cursor (getReports, DONE), each ingested once. */
export async function runSettlementJob(
  db: Db,
  client: SpApiClient,
  options: {
    now: () => number;
    firstDays?: number;
    /**
     * Reports read a run (getReportDocument is 0.0167 rps, shared with the other report jobs):
     * the rest wait for the next run. Default 5.
     */
    maxReports?: number;
  },
): Promise<{ reports: number; lines: number; quarantined: number }> {
  const startedAt = options.now();
  const cursor = (await readCursor(db, SETTLEMENTS_JOB)) as {
    createdSince?: string;
    done?: string[];
  } | null;
  const createdSince =
    cursor?.createdSince ?? new Date(startedAt - (options.firstDays ?? 90) * DAY).toISOString();
  const done = new Set(cursor?.done ?? []);
  const summary = { reports: 0, lines: 0, quarantined: 0 };
  let nextToken: string | undefined;
  do {
    const page = await client.reports.getReports(
      nextToken
        ? { nextToken }
        : { reportTypes: [SETTLEMENT], processingStatuses: ['DONE'], createdSince, pageSize: 100 },
    );
    for (const report of page.reports) {
      if (done.has(report.reportId) || !report.reportDocumentId) continue;
      if (summary.reports >= (options.maxReports ?? 5)) {
        // Left for the next run: keep the window where it is.
        await writeCursor(
          db,
          SETTLEMENTS_JOB,
          { createdSince, done: [...done] },
          new Date(options.now()),
        );
        return summary;
      }
      const doc = await client.reports.getReportDocument(report.reportDocumentId);
      const text = await client.reports.downloadReportDocument(doc);
      const now = new Date(options.now());
      const parsed = parseSettlementReport(text);
      for (let i = 0; i < parsed.rows.length; i += 1000) {
        await db
          .insert(amazonSettlementLines)
          .values(parsed.rows.slice(i, i + 1000))
          .onConflictDoNothing();
      }
      await quarantine(db, SETTLEMENT, report.reportId, parsed.quarantined, now);
      done.add(report.reportId);
      summary.reports++;
      summary.lines += parsed.rows.length;
      summary.quarantined += parsed.quarantined.length;
      await writeCursor(db, SETTLEMENTS_JOB, { createdSince, done: [...done] }, now);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  // The next look starts a little before this one; reports already read are remembered.
  await writeCursor(
    db,
    SETTLEMENTS_JOB,
    {
      createdSince: new Date(startedAt - 2 * DAY).toISOString(),
      done: [...done].slice(-500),
    },
    new Date(options.now()),
  );
  return summary;
}

// ---- Refund events --------------------------------------------------------------------------

export const REFUND_EVENTS_JOB = 'refund-events';

/**
 * Amazon's refund events (Finances v0) of orders we submitted refunds for, into
 * `amazon_refund_events`, each matched to our request by Amazon's adjustment id when the
 * executor linked it. Orders are taken in turns (`batch` a run), newest refunds first.
 */
export async function runRefundEventsJob(
  db: Db,
  client: SpApiClient,
  options: { now: () => number; batch?: number; withinDays?: number },
): Promise<{ orders: number; events: number; quarantined: number }> {
  const now = new Date(options.now());
  const cursor = (await readCursor(db, REFUND_EVENTS_JOB)) as { after?: string } | null;
  const since = new Date(options.now() - (options.withinDays ?? 60) * DAY);
  const due = await queryRows<{ amazon_order_id: string; touched: Date | string }>(
    db,
    sql`select o.amazon_order_id, max(e.updated_at) as touched
        from refund_requests r
        join refund_executions e on e.refund_request_id = r.id
        join orders o on o.id = r.order_id
        where r.status in ('submitted', 'refunded') and e.updated_at >= ${since.toISOString()}
        group by o.amazon_order_id
        order by o.amazon_order_id`,
  );
  const after = cursor?.after ?? '';
  const batch = options.batch ?? 20;
  const ordered = [
    ...due.filter((d) => d.amazon_order_id > after),
    ...due.filter((d) => d.amazon_order_id <= after),
  ].slice(0, batch);
  const summary = { orders: 0, events: 0, quarantined: 0 };
  for (const { amazon_order_id: amazonOrderId } of ordered) {
    summary.orders++;
    let lines;
    try {
      lines = await client.finances.refundedLines(amazonOrderId);
    } catch (error) {
      await quarantine(
        db,
        'refund-events',
        amazonOrderId,
        [{ rowNo: null, reason: String(error), raw: { amazonOrderId } }],
        now,
      );
      summary.quarantined++;
      continue;
    }
    const ours = await queryRows<{ refund_request_id: string; amazon_adjustment_id: string }>(
      db,
      sql`select e.refund_request_id, e.amazon_adjustment_id from refund_executions e
          join refund_requests r on r.id = e.refund_request_id
          join orders o on o.id = r.order_id
          where o.amazon_order_id = ${amazonOrderId} and e.amazon_adjustment_id is not null`,
    );
    const requestOf = new Map(ours.map((o) => [o.amazon_adjustment_id, o.refund_request_id]));
    const values = [];
    const bad = [];
    for (const [i, line] of lines.entries()) {
      if (!line.currency) {
        bad.push({ rowNo: i, reason: 'refund event without a readable amount', raw: line });
        continue;
      }
      values.push({
        key:
          line.orderAdjustmentItemId ??
          `${amazonOrderId}|${line.orderItemId ?? ''}|${line.postedDate ?? ''}|${line.totalMinor}`,
        amazonOrderId,
        orderItemId: line.orderItemId,
        amazonAdjustmentId: line.orderAdjustmentItemId,
        currency: line.currency,
        charges: line.charges,
        totalMinor: line.totalMinor,
        postedAt: line.postedDate,
        refundRequestId: line.orderAdjustmentItemId
          ? (requestOf.get(line.orderAdjustmentItemId) ?? null)
          : null,
        seenAt: now,
      });
    }
    if (values.length > 0) {
      await db
        .insert(amazonRefundEvents)
        .values(values)
        .onConflictDoUpdate({
          target: amazonRefundEvents.key,
          set: {
            refundRequestId: sql`coalesce(${amazonRefundEvents.refundRequestId}, excluded.refund_request_id)`,
          },
        });
    }
    await quarantine(db, 'refund-events', amazonOrderId, bad, now);
    await publishAmazonRefunds(db, [amazonOrderId], now);
    summary.events += values.length;
    summary.quarantined += bad.length;
    await writeCursor(db, REFUND_EVENTS_JOB, { after: amazonOrderId }, now);
  }
  return summary;
}

// ---- Buyer data purge -----------------------------------------------------------------------

export const PURGE_JOB = 'buyer-purge';

/**
 * Blanks the buyer's name, email and phone of orders delivered more than `days` ago (default 30;
 * an order with no delivery date: purchased more than `days` + 30 ago), records each in
 * `order_purges` and republishes the order rows so desktops blank them too.
 */
export async function purgeBuyerData(
  db: Db,
  options: { now: () => number; days?: number; batch?: number },
): Promise<{ purged: number }> {
  const days = options.days ?? 30;
  const now = new Date(options.now());
  const cutoff = new Date(options.now() - days * DAY).toISOString();
  const undeliveredCutoff = new Date(options.now() - (days + 30) * DAY).toISOString();
  const due = await db
    .select({ id: orders.id })
    .from(orders)
    .leftJoin(orderPurges, eq(orderPurges.orderId, orders.id))
    .where(
      and(
        isNull(orderPurges.orderId),
        sql`((${orders.deliveredAt} is not null and ${orders.deliveredAt} < ${cutoff})
            or (${orders.deliveredAt} is null and ${orders.purchasedAt} < ${undeliveredCutoff}))`,
      ),
    )
    .limit(options.batch ?? 2000);
  if (due.length === 0) return { purged: 0 };
  const ids = due.map((d) => d.id);
  await withSyncWrite(db, async (tx) => {
    const blanked = await tx
      .update(orders)
      .set({ buyerName: '', buyerEmail: '', buyerPhoneLast4: '' })
      .where(inArray(orders.id, ids))
      .returning();
    await tx
      .insert(orderPurges)
      .values(ids.map((orderId) => ({ orderId, purgedAt: now })))
      .onConflictDoNothing();
    await publishRows(
      tx,
      blanked.map((o) => {
        const { fetchedAt, ...record } = o;
        return orderRow(record as OrderRecord, fetchedAt);
      }),
      now,
    );
  });
  await writeCursor(db, PURGE_JOB, { lastCutoff: cutoff }, now);
  return { purged: ids.length };
}
