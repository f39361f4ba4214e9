import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The audit log: append-only, hash-chained (hash = sha256(prev_hash ‖ canonical(event))),
 * numbered by this device's sequence. The back office keeps the union of all devices'.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    deviceId: text('device_id').notNull(),
    userId: text('user_id'),
    storeId: text('store_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    /** JSON of the entity before and after the change; null where there is none. */
    before: text('before'),
    after: text('after'),
    at: text('at').notNull(),
    hlc: text('hlc').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_events_store').on(t.storeId, t.seq)],
);

/** Local changes waiting for the back office, in the order they were made (DESIGN.md §5). */
export const outbox = sqliteTable(
  'outbox',
  {
    mutationId: integer('mutation_id').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    name: text('name').notNull(),
    args: text('args').notNull(),
    hlc: text('hlc').notNull(),
    auditEventId: text('audit_event_id').notNull(),
    createdAt: text('created_at').notNull(),
    /** pending → acked, or rejected (with the back office's reason). */
    status: text('status').notNull().default('pending'),
    rejectedReason: text('rejected_reason'),
    /** The back office's stable code for a rejection (shared/sync/protocol.ts). */
    rejectedCode: text('rejected_code'),
    /** When the back office acknowledged or rejected it. */
    settledAt: text('settled_at'),
    /**
     * JSON array of the rows this change's transaction wrote, as they were at its end, in the
     * wire shape (protocol RowChange). Captured by triggers (migration 0007); emptied once acked.
     */
    rows: text('rows').notNull().default('[]'),
  },
  (t) => [index('outbox_status').on(t.status, t.mutationId)],
);
