import { sql } from 'drizzle-orm';
import {
  blob,
  check,
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { devices, stores, users } from './directory';
import { orderLines, orders } from './orders';

/**
 * A return taken at the counter (an RMA). Owned by the store that opened it. Its status is
 * derived from its lines' states and stored so queues can be queried.
 */
export const returns = sqliteTable(
  'returns',
  {
    id: text('id').primaryKey(),
    rmaNumber: text('rma_number').notNull().unique(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    status: text('status').notNull(),
    customerComment: text('customer_comment').notNull().default(''),
    /** Set when a manager took a return the policy refused: who, and why. */
    overrideBy: text('override_by').references(() => users.id),
    overrideReason: text('override_reason'),
    returnPolicyId: text('return_policy_id').notNull(),
    returnPolicyVersion: integer('return_policy_version').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('returns_store_created').on(t.storeId, t.createdAt),
    index('returns_order').on(t.orderId),
  ],
);

/** One order line (some of its units) coming back, with its own reason and state. */
export const returnLines = sqliteTable(
  'return_lines',
  {
    id: text('id').primaryKey(),
    returnId: text('return_id')
      .notNull()
      .references(() => returns.id),
    orderLineId: text('order_line_id')
      .notNull()
      .references(() => orderLines.id),
    quantity: integer('quantity').notNull(),
    reasonCode: text('reason_code').notNull(),
    comment: text('comment').notNull().default(''),
    opened: integer('opened', { mode: 'boolean' }).notNull(),
    damaged: integer('damaged', { mode: 'boolean' }).notNull(),
    missingParts: integer('missing_parts', { mode: 'boolean' }).notNull(),
    /** The eligibility verdict at intake (JSON), and the restocking fee it set. */
    eligibility: text('eligibility').notNull(),
    restockingFeeBps: integer('restocking_fee_bps').notNull(),
    state: text('state').notNull(),
    disposition: text('disposition'),
    disposedAt: text('disposed_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('return_lines_return').on(t.returnId),
    index('return_lines_order_line').on(t.orderLineId),
    check('return_lines_quantity', sql`${t.quantity} > 0`),
    check('return_lines_fee', sql`${t.restockingFeeBps} between 0 and 10000`),
  ],
);

/** Insert-only: a correction is a new row that supersedes the old one (DESIGN.md §5). */
export const qcInspections = sqliteTable(
  'qc_inspections',
  {
    id: text('id').primaryKey(),
    returnLineId: text('return_line_id')
      .notNull()
      .references(() => returnLines.id),
    grade: text('grade').notNull(),
    defects: text('defects').notNull(),
    checklist: text('checklist').notNull(),
    serialExpected: text('serial_expected'),
    serialScanned: text('serial_scanned'),
    serialCheck: text('serial_check').notNull(),
    notes: text('notes').notNull().default(''),
    supersedesId: text('supersedes_id'),
    inspectedBy: text('inspected_by')
      .notNull()
      .references(() => users.id),
    inspectedAt: text('inspected_at').notNull(),
  },
  (t) => [
    index('qc_inspections_line').on(t.returnLineId, t.inspectedAt),
    uniqueIndex('qc_inspections_supersedes').on(t.supersedesId),
  ],
);

/** Photos of the item at intake or QC, stored by content hash. */
export const photos = sqliteTable(
  'photos',
  {
    id: text('id').primaryKey(),
    returnId: text('return_id')
      .notNull()
      .references(() => returns.id),
    returnLineId: text('return_line_id').references(() => returnLines.id),
    stage: text('stage').notNull(),
    mime: text('mime').notNull(),
    sha256: text('sha256').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('photos_return').on(t.returnId),
    uniqueIndex('photos_return_hash').on(t.returnId, t.sha256),
  ],
);

/**
 * The parts of a refund amount, in minor units of the request's currency. A request and each
 * of its lines carry them; the request's are the sum of its lines'.
 */
const refundAmountColumns = () => ({
  itemMinor: integer('item_minor').notNull(),
  itemTaxMinor: integer('item_tax_minor').notNull(),
  shippingMinor: integer('shipping_minor').notNull(),
  shippingTaxMinor: integer('shipping_tax_minor').notNull(),
  restockingFeeMinor: integer('restocking_fee_minor').notNull(),
  totalMinor: integer('total_minor').notNull(),
});

/**
 * A refund request: an immutable intent whose id is the idempotency key (DESIGN.md §7). Its
 * amounts are the sum of its lines; only the back office moves it past `approved`.
 */
export const refundRequests = sqliteTable(
  'refund_requests',
  {
    id: text('id').primaryKey(),
    returnId: text('return_id')
      .notNull()
      .references(() => returns.id),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    currency: text('currency').notNull(),
    ...refundAmountColumns(),
    /** Why the clerk refunds less than the policy computed, where they do. */
    adjustmentReason: text('adjustment_reason'),
    status: text('status').notNull(),
    decision: text('decision').notNull(),
    decisionReasons: text('decision_reasons').notNull(),
    riskSignals: text('risk_signals').notNull(),
    approvalPolicyId: text('approval_policy_id').notNull(),
    approvalPolicyVersion: integer('approval_policy_version').notNull(),
    /** Who must decide under that policy: store_manager, regional_manager or finance (or auto). */
    approvalTier: text('approval_tier'),
    /** When the refund must be paid (end of the due business day, UTC), from the policy. */
    dueAt: text('due_at'),
    /** sha256 of what an approval is bound to: id, order, lines, amount, currency. */
    digest: text('digest').notNull(),
    requestedBy: text('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: text('requested_at').notNull(),
    /** Amazon's id of the adjustment once its financial events show the refund (back office). */
    amazonAdjustmentId: text('amazon_adjustment_id'),
    /** Why the refund was rejected: Amazon's message, or the back office's amount guard. */
    rejectionReason: text('rejection_reason'),
  },
  (t) => [
    index('refund_requests_store_status').on(t.storeId, t.status),
    index('refund_requests_return').on(t.returnId),
    check('refund_requests_total', sql`${t.totalMinor} >= 0`),
  ],
);

export const refundRequestLines = sqliteTable(
  'refund_request_lines',
  {
    id: text('id').primaryKey(),
    refundRequestId: text('refund_request_id')
      .notNull()
      .references(() => refundRequests.id),
    returnLineId: text('return_line_id')
      .notNull()
      .references(() => returnLines.id),
    orderLineId: text('order_line_id')
      .notNull()
      .references(() => orderLines.id),
    units: integer('units').notNull(),
    ...refundAmountColumns(),
  },
  (t) => [
    index('refund_request_lines_request').on(t.refundRequestId),
    index('refund_request_lines_order_line').on(t.orderLineId),
    uniqueIndex('refund_request_lines_once').on(t.refundRequestId, t.returnLineId),
    check('refund_request_lines_units', sql`${t.units} > 0`),
  ],
);

/**
 * A decision on a refund request: immutable and single-use (one per request), bound to the
 * request's digest. `method` says how: by policy, by a manager's PIN at the till, or from a queue.
 */
export const approvals = sqliteTable(
  'approvals',
  {
    id: text('id').primaryKey(),
    refundRequestId: text('refund_request_id')
      .notNull()
      .references(() => refundRequests.id),
    decision: text('decision').notNull(),
    method: text('method').notNull(),
    decidedBy: text('decided_by').references(() => users.id),
    comment: text('comment').notNull().default(''),
    requestDigest: text('request_digest').notNull(),
    deviceId: text('device_id').notNull(),
    decidedAt: text('decided_at').notNull(),
    /**
     * An offline code's proof (JSON: challenge, amount, currency, part B, key id, or a signed
     * token): the back office checks it before money may move.
     */
    offlineProof: text('offline_proof'),
    /** When the back office confirmed the decision; null while an offline code waits for it. */
    confirmedAt: text('confirmed_at'),
  },
  (t) => [
    uniqueIndex('approvals_once').on(t.refundRequestId),
    check('approvals_decision', sql`${t.decision} in ('approved','denied')`),
  ],
);

/** Every print of a label, so reprints are counted and audited. */
export const labelPrints = sqliteTable(
  'label_prints',
  {
    id: text('id').primaryKey(),
    returnId: text('return_id')
      .notNull()
      .references(() => returns.id),
    size: text('size').notNull(),
    reprint: integer('reprint', { mode: 'boolean' }).notNull(),
    reason: text('reason'),
    printedBy: text('printed_by')
      .notNull()
      .references(() => users.id),
    printedAt: text('printed_at').notNull(),
  },
  (t) => [index('label_prints_return').on(t.returnId)],
);

/** The last RMA sequence used per device and local day: RMA numbers unique without a network. */
export const rmaSequences = sqliteTable(
  'rma_sequences',
  {
    deviceId: text('device_id').notNull(),
    localDate: text('local_date').notNull(),
    lastSequence: integer('last_sequence').notNull(),
  },
  (t) => [uniqueIndex('rma_sequences_day').on(t.deviceId, t.localDate)],
);

/** A bag or tote of returned items leaving the store for the warehouse or a vendor. */
export const manifests = sqliteTable(
  'manifests',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('manifests_store_created').on(t.storeId, t.createdAt)],
);

/** The lines in a manifest's tote: a return line goes in one tote only. */
export const manifestLines = sqliteTable(
  'manifest_lines',
  {
    manifestId: text('manifest_id')
      .notNull()
      .references(() => manifests.id),
    returnLineId: text('return_line_id')
      .notNull()
      .references(() => returnLines.id),
  },
  (t) => [
    uniqueIndex('manifest_lines_return_line').on(t.returnLineId),
    index('manifest_lines_manifest').on(t.manifestId),
  ],
);
