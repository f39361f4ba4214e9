import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * One global, gap-tolerant counter for everything desktops pull (rows and audit events). Values
 * are only drawn while holding the sync write lock (sync/write-lock.ts), so they commit in order
 * and a pull's cookie never skips a row committed later with a smaller version.
 */
export const syncVersionSeq = pgSequence('sync_version_seq', { startWith: 1 });

/**
 * Every row desktops pull, in their drizzle camelCase shape (`data`), with the version it last
 * changed at and the one key that decides who sees it: a store, else a region, else a
 * marketplace (orders), else everyone (regions, stores, chain-wide users and settings).
 */
export const syncRows = pgTable(
  'sync_rows',
  {
    tableName: text('table_name').notNull(),
    rowKey: text('row_key').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    storeId: uuid('store_id'),
    regionId: uuid('region_id'),
    marketplace: text('marketplace'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /**
     * Who among the devices in reach: `all`, or `managers` (region- and chain-scoped devices
     * only: a manager's laptop), for the secrets that make offline approval codes.
     */
    audience: text('audience').notNull().default('all'),
    /** A tombstone: desktops delete the row (a denial that beat an unexecuted approval). */
    deleted: boolean('deleted').notNull().default(false),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tableName, t.rowKey] }),
    index('sync_rows_version').on(t.version),
    index('sync_rows_store_version').on(t.storeId, t.version),
  ],
);

/** Per device: the last mutation processed (applied or rejected), what pull reports back. */
export const syncClients = pgTable('sync_clients', {
  clientId: uuid('client_id').primaryKey(),
  lastMutationId: bigint('last_mutation_id', { mode: 'number' }).notNull().default(0),
  updatedAt: at('updated_at').notNull(),
});

/** Every processed mutation and its answer, so a re-push is told the same thing again. */
export const syncMutations = pgTable(
  'sync_mutations',
  {
    clientId: uuid('client_id').notNull(),
    mutationId: bigint('mutation_id', { mode: 'number' }).notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    userId: uuid('user_id'),
    status: text('status').notNull(),
    code: text('code'),
    reason: text('reason'),
    processedAt: at('processed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.mutationId] })],
);

/** Push batch ids seen: the same id twice is a replay. */
export const syncBatches = pgTable('sync_batches', {
  batchId: uuid('batch_id').primaryKey(),
  clientId: uuid('client_id').notNull(),
  receivedAt: at('received_at').notNull(),
});

/** Things a person must look at: two terminal states for one return, a rewritten audit log. */
export const reviewFlags = pgTable(
  'review_flags',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    /** One open flag per thing: `kind:device:table:row`. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    deviceId: uuid('device_id'),
    tableName: text('table_name'),
    rowKey: text('row_key'),
    details: jsonb('details').notNull(),
    createdAt: at('created_at').notNull(),
    resolvedAt: at('resolved_at'),
  },
  (t) => [
    index('review_flags_open')
      .on(t.kind)
      .where(sql`${t.resolvedAt} is null`),
  ],
);

/**
 * The union of every device's hash-chained audit log (DESIGN.md §4/§5), in each device's
 * sequence. `event` is the event as the device sent it (protocol AuditEventWire).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    deviceId: uuid('device_id').notNull(),
    seq: integer('seq').notNull(),
    id: uuid('id').notNull().unique(),
    hash: text('hash').notNull(),
    prevHash: text('prev_hash').notNull(),
    /** The event's store, or the device's own when the event names none. */
    storeId: uuid('store_id').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    event: jsonb('event').$type<Record<string, unknown>>().notNull(),
    receivedAt: at('received_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.deviceId, t.seq] }),
    index('audit_events_version').on(t.version),
  ],
);

/** The chain head each device had at every push: later tampering with its log shows. */
export const deviceChainHeads = pgTable(
  'device_chain_heads',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deviceId: uuid('device_id').notNull(),
    seq: integer('seq').notNull(),
    hash: text('hash').notNull(),
    recordedAt: at('recorded_at').notNull(),
  },
  (t) => [index('device_chain_heads_device').on(t.deviceId, t.recordedAt)],
);
