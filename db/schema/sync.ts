import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/**
 * Where sync with the back office stands (one row, id 1). Credentials are not here: the device
 * token lives in the OS secret store or a 0600 file (electron/backend/sync/credentials.ts).
 */
export const syncState = sqliteTable(
  'sync_state',
  {
    id: integer('id').primaryKey(),
    /** Set by enrolment; null while this desktop runs on its own. */
    backOfficeUrl: text('back_office_url'),
    /** What the back office lets this device see: store, region or chain. */
    deviceScope: text('device_scope'),
    /** The last server version applied by a pull; null before the first pull. */
    cookie: integer('cookie'),
    /** The highest outbox mutation id the back office has processed (applied or rejected). */
    lastMutationIdAcked: integer('last_mutation_id_acked').notNull().default(0),
    /** The newest of this device's audit events the back office holds. */
    auditHeadSeq: integer('audit_head_seq').notNull().default(0),
    auditHeadHash: text('audit_head_hash'),
    lastSyncedAt: text('last_synced_at'),
    lastErrorCode: text('last_error_code'),
    lastErrorMessage: text('last_error_message'),
    lastErrorTraceId: text('last_error_trace_id'),
    enrolledAt: text('enrolled_at'),
    /** Set when the back office answered DEVICE_REVOKED: sync stays off until enrolled again. */
    revokedAt: text('revoked_at'),
  },
  (t) => [check('sync_state_one_row', sql`${t.id} = 1`)],
);

/**
 * Other devices' audit events, as pulled from the back office (DESIGN.md §5: the union of
 * chains). Kept apart from `audit_events`, whose hash chain is this device's own.
 */
export const remoteAuditEvents = sqliteTable(
  'remote_audit_events',
  {
    deviceId: text('device_id').notNull(),
    seq: integer('seq').notNull(),
    id: text('id').notNull().unique(),
    userId: text('user_id'),
    storeId: text('store_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: text('before'),
    after: text('after'),
    at: text('at').notNull(),
    hlc: text('hlc').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.deviceId, t.seq] }),
    index('remote_audit_events_entity').on(t.entityId),
    index('remote_audit_events_store').on(t.storeId, t.at),
  ],
);

/**
 * Rows written since the last capture, by synced table and key (JSON of the key columns).
 * Filled by triggers on the synced tables (migration 0007); at the end of each change the
 * registry copies these rows into the change's outbox row and empties this table.
 */
export const syncPendingRows = sqliteTable(
  'sync_pending_rows',
  {
    /** First-write order: a return before its lines, as the back office will insert them. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    tableName: text('table_name').notNull(),
    rowKey: text('row_key').notNull(),
  },
  (t) => [uniqueIndex('sync_pending_rows_key').on(t.tableName, t.rowKey)],
);

/**
 * The back office's version of a row that a still-pending local change hides (the rebase put
 * the local version on top). When no pending change covers the row any more (acknowledged or
 * rejected), the next pull puts this version back. `row_key` is the coverage key (the row's key;
 * for a decision, its refund request); `row` the JSON of the RowChange as sent, tombstones too.
 */
export const syncServerRows = sqliteTable(
  'sync_server_rows',
  {
    tableName: text('table_name').notNull(),
    rowKey: text('row_key').notNull(),
    row: text('row'),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.rowKey] })],
);
