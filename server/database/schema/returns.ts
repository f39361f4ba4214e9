import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * What the sync rules decide with, per store-owned entity: owner store, state, references,
 * amounts. The rows themselves, as desktops see them, are in `sync_rows`; these columns are
 * written in the same transaction.
 */

export const returns = pgTable(
  'returns',
  {
    id: uuid('id').primaryKey(),
    rmaNumber: text('rma_number').notNull().unique(),
    storeId: uuid('store_id').notNull(),
    orderId: uuid('order_id').notNull(),
    status: text('status').notNull(),
  },
  (t) => [index('returns_store').on(t.storeId)],
);

export const returnLines = pgTable(
  'return_lines',
  {
    id: uuid('id').primaryKey(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id),
    orderLineId: uuid('order_line_id').notNull(),
    state: text('state').notNull(),
  },
  (t) => [index('return_lines_return').on(t.returnId)],
);

export const qcInspections = pgTable('qc_inspections', {
  id: uuid('id').primaryKey(),
  returnLineId: uuid('return_line_id')
    .notNull()
    .references(() => returnLines.id),
  /** A correction supersedes one inspection; each inspection is corrected at most once. */
  supersedesId: uuid('supersedes_id').unique(),
});

export const photos = pgTable(
  'photos',
  {
    id: uuid('id').primaryKey(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id),
    sha256: text('sha256').notNull(),
  },
  (t) => [uniqueIndex('photos_return_hash').on(t.returnId, t.sha256)],
);

const money = (name: string) => bigint(name, { mode: 'number' }).notNull();

export const refundRequests = pgTable(
  'refund_requests',
  {
    id: uuid('id').primaryKey(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id),
    orderId: uuid('order_id').notNull(),
    storeId: uuid('store_id').notNull(),
    status: text('status').notNull(),
    digest: text('digest').notNull(),
    requestedBy: uuid('requested_by').notNull(),
    totalMinor: money('total_minor'),
  },
  (t) => [index('refund_requests_store_status').on(t.storeId, t.status)],
);

export const refundRequestLines = pgTable(
  'refund_request_lines',
  {
    id: uuid('id').primaryKey(),
    refundRequestId: uuid('refund_request_id')
      .notNull()
      .references(() => refundRequests.id),
    returnLineId: uuid('return_line_id').notNull(),
    orderLineId: uuid('order_line_id').notNull(),
    units: integer('units').notNull(),
    totalMinor: money('total_minor'),
  },
  (t) => [
    index('refund_request_lines_order_line').on(t.orderLineId),
    uniqueIndex('refund_request_lines_once').on(t.refundRequestId, t.returnLineId),
  ],
);

/** Decisions. One live decision per request; one beaten by a denial is kept, marked beaten. */
export const approvals = pgTable(
  'approvals',
  {
    id: uuid('id').primaryKey(),
    refundRequestId: uuid('refund_request_id')
      .notNull()
      .references(() => refundRequests.id),
    decision: text('decision').notNull(),
    decidedBy: uuid('decided_by'),
    deviceId: uuid('device_id').notNull(),
    beatenAt: timestamp('beaten_at', { withTimezone: true, mode: 'date' }),
    beatenBy: uuid('beaten_by'),
    /** How it was decided (`policy`, `queue`, `till_pin`, `offline_code`). */
    method: text('method'),
    /**
     * When the back office confirmed the decision: on receipt, or for an offline code once its
     * part B checked out. The refund executor takes only requests whose approval has it.
     */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('approvals_live_once')
      .on(t.refundRequestId)
      .where(sql`${t.beatenAt} is null`),
  ],
);

export const manifests = pgTable('manifests', {
  id: uuid('id').primaryKey(),
  storeId: uuid('store_id').notNull(),
});

/** A return line goes in one tote only. */
export const manifestLines = pgTable('manifest_lines', {
  returnLineId: uuid('return_line_id').primaryKey(),
  manifestId: uuid('manifest_id')
    .notNull()
    .references(() => manifests.id),
});
