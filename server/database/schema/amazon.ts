import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The refund executor's own record of each request it took (DESIGN.md §7), one row per refund
 * request. `state`: `queued` (needs an attempt) → `in_flight` (an attempt is at Amazon or on its
 * way) → `refunded` | `rejected`, or `unknown` (an attempt whose outcome we must find out before
 * anything else happens) and `review` (a person decides: no evidence after 48 hours).
 */
export const refundExecutions = pgTable(
  'refund_executions',
  {
    refundRequestId: uuid('refund_request_id').primaryKey(),
    state: text('state').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Who holds the request between claim and "submitting" (a worker id), and until when. */
    leaseOwner: text('lease_owner'),
    leaseUntil: at('lease_until'),
    amazonAdjustmentId: text('amazon_adjustment_id'),
    /** Amazon's message (rejected) or ours (the amount guard, review). */
    message: text('message'),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [index('refund_executions_state').on(t.state)],
);

/**
 * One Order Adjustment feed (a batch of refunds of one marketplace). Phases: `submitting` (the
 * feed document id and content recorded before createFeed) → `submitted` (feed id) → `done`;
 * `unknown` when createFeed's outcome is unknown or we crashed between phases; `not_created`
 * once getFeeds showed Amazon never made it; `failed` when it ended FATAL.
 */
export const refundFeeds = pgTable(
  'refund_feeds',
  {
    id: uuid('id').primaryKey(),
    marketplaceId: text('marketplace_id').notNull(),
    phase: text('phase').notNull(),
    feedDocumentId: text('feed_document_id'),
    feedId: text('feed_id').unique(),
    /** What was uploaded, and which requests each MessageID carries (for the report). */
    xml: text('xml').notNull(),
    messages: jsonb('messages')
      .$type<{ messageId: number; amazonOrderId: string; refundRequestIds: string[] }[]>()
      .notNull(),
    submittingAt: at('submitting_at').notNull(),
    submittedAt: at('submitted_at'),
    finishedAt: at('finished_at'),
    error: text('error'),
  },
  (t) => [index('refund_feeds_phase').on(t.phase)],
);

/**
 * Every attempt at a refund, phases recorded before and after each network call:
 * `claimed` → `submitting` (feed row with its document id, attempt n) → `submitted` (feed id)
 * → `done` (outcome) | `unknown` | `not_sent` (known never to have reached Amazon).
 */
export const refundAttempts = pgTable(
  'refund_attempts',
  {
    id: uuid('id').primaryKey(),
    refundRequestId: uuid('refund_request_id').notNull(),
    attempt: integer('attempt').notNull(),
    feedRowId: uuid('feed_row_id'),
    phase: text('phase').notNull(),
    outcome: text('outcome'),
    message: text('message'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('refund_attempts_once').on(t.refundRequestId, t.attempt),
    index('refund_attempts_feed').on(t.feedRowId),
  ],
);

/** Where each Amazon job is: cursors and last runs survive restarts. */
export const amazonJobCursors = pgTable('amazon_job_cursors', {
  job: text('job').primaryKey(),
  cursor: jsonb('cursor').$type<Record<string, unknown>>().notNull(),
  lastRunAt: at('last_run_at'),
  lastError: text('last_error'),
  updatedAt: at('updated_at').notNull(),
});

/** Returns as Amazon's returns reports list them, linked to our RMA where the line matches. */
export const amazonReturns = pgTable(
  'amazon_returns',
  {
    /** `amazonOrderId|rmaId|orderItemId|sku` — what makes a report row unique. */
    key: text('key').primaryKey(),
    reportType: text('report_type').notNull(),
    amazonOrderId: text('amazon_order_id').notNull(),
    amazonRmaId: text('amazon_rma_id'),
    sku: text('sku'),
    orderLineId: uuid('order_line_id'),
    returnId: uuid('return_id'),
    storeId: uuid('store_id'),
    quantity: integer('quantity').notNull(),
    reason: text('reason'),
    status: text('status'),
    returnedAt: text('returned_at'),
    raw: jsonb('raw').$type<Record<string, string>>().notNull(),
    ingestedAt: at('ingested_at').notNull(),
  },
  (t) => [index('amazon_returns_order').on(t.amazonOrderId)],
);

/** Settlement report lines, kept for finance's reconciliation. */
export const amazonSettlementLines = pgTable(
  'amazon_settlement_lines',
  {
    settlementId: text('settlement_id').notNull(),
    lineNo: integer('line_no').notNull(),
    amazonOrderId: text('amazon_order_id'),
    transactionType: text('transaction_type'),
    amountType: text('amount_type'),
    amountDescription: text('amount_description'),
    currency: text('currency'),
    amountMinor: bigint('amount_minor', { mode: 'number' }),
    postedAt: text('posted_at'),
    raw: jsonb('raw').$type<Record<string, string>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.settlementId, t.lineNo] }),
    index('amazon_settlement_order').on(t.amazonOrderId),
  ],
);

/** Refunds Amazon's financial events show per order line (ours and Amazon's own). */
export const amazonRefundEvents = pgTable(
  'amazon_refund_events',
  {
    key: text('key').primaryKey(),
    amazonOrderId: text('amazon_order_id').notNull(),
    orderItemId: text('order_item_id'),
    amazonAdjustmentId: text('amazon_adjustment_id'),
    currency: text('currency').notNull(),
    charges: jsonb('charges').$type<Record<string, number>>().notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    postedAt: text('posted_at'),
    /** Our refund request it was matched to, if any (else: Amazon's own refund). */
    refundRequestId: uuid('refund_request_id'),
    seenAt: at('seen_at').notNull(),
  },
  (t) => [index('amazon_refund_events_order').on(t.amazonOrderId)],
);

/** Report rows we could not read: kept with the reason, never silently dropped. */
export const amazonQuarantine = pgTable(
  'amazon_quarantine',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    source: text('source').notNull(),
    reportId: text('report_id'),
    rowNo: integer('row_no'),
    reason: text('reason').notNull(),
    raw: jsonb('raw').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('amazon_quarantine_source').on(t.source, t.createdAt)],
);

/**
 * The seller account's LWA credentials, AES-256-GCM under the server key (never sent to a
 * desktop, never sent back): one row, `id` = 'default'.
 */
export const amazonCredentials = pgTable('amazon_credentials', {
  id: text('id').primaryKey(),
  clientId: text('client_id').notNull(),
  /** base64(iv ‖ tag ‖ ciphertext) of `{clientSecret, refreshToken}`. */
  secretBox: text('secret_box').notNull(),
  sellerId: text('seller_id'),
  region: text('region').notNull().default('na'),
  updatedBy: uuid('updated_by'),
  updatedAt: at('updated_at').notNull(),
});

/** When the buyer's data of an order was blanked (retention). */
export const orderPurges = pgTable('order_purges', {
  orderId: uuid('order_id').primaryKey(),
  purgedAt: at('purged_at').notNull(),
});
