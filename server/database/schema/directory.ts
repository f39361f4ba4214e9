import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The chain's directory as the back office keeps it: the authority desktops pull theirs from.
 * Desktop-facing rows (drizzle camelCase, as desktops store them) live in `sync_rows`; these
 * typed tables hold what the back office itself decides with (roles, scopes, token hashes).
 */

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const regions = pgTable('regions', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** Marketplace codes (US, DE, …) whose orders the region's stores take back. */
  marketplaces: jsonb('marketplaces').$type<string[]>().notNull(),
});

export const stores = pgTable('stores', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  regionId: uuid('region_id')
    .notNull()
    .references(() => regions.id),
  timeZone: text('time_zone').notNull(),
  currency: text('currency').notNull(),
  countryCode: text('country_code').notNull(),
  address: text('address').notNull(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    scopeKind: text('scope_kind').notNull(),
    scopeStoreId: uuid('scope_store_id').references(() => stores.id),
    scopeRegionId: uuid('scope_region_id').references(() => regions.id),
    secretKind: text('secret_kind').notNull(),
    /** scrypt, self-describing (`scrypt$N$r$p$salt$hash`): desktops verify PINs offline with it. */
    secretHash: text('secret_hash').notNull(),
    language: text('language').notNull(),
    active: boolean('active').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    check(
      'users_role',
      sql`${t.role} in ('clerk','store_manager','regional_manager','finance','admin')`,
    ),
    check(
      'users_scope',
      sql`(${t.scopeKind} = 'store' and ${t.scopeStoreId} is not null and ${t.scopeRegionId} is null)
       or (${t.scopeKind} = 'region' and ${t.scopeRegionId} is not null and ${t.scopeStoreId} is null)
       or (${t.scopeKind} = 'chain' and ${t.scopeStoreId} is null and ${t.scopeRegionId} is null)`,
    ),
  ],
);

/** An enrolled desktop. Only the sha256 of its token's secret is kept. */
export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey(),
    /** One letter or two, unique within the store: part of every RMA number the desktop makes. */
    code: text('code').notNull(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    name: text('name').notNull(),
    scope: text('scope').notNull(),
    tokenHash: text('token_hash').notNull(),
    enrolledAt: at('enrolled_at').notNull(),
    enrollmentCodeId: uuid('enrollment_code_id'),
    lastSeenAt: at('last_seen_at'),
    revokedAt: at('revoked_at'),
    revokedBy: uuid('revoked_by'),
    revokedReason: text('revoked_reason'),
  },
  (t) => [
    uniqueIndex('devices_store_code').on(t.storeId, t.code),
    check('devices_scope', sql`${t.scope} in ('store','region','chain')`),
  ],
);

/** One-time codes that let a desktop enroll at a store. Only the code's sha256 is kept. */
export const enrollmentCodes = pgTable(
  'enrollment_codes',
  {
    id: uuid('id').primaryKey(),
    codeHash: text('code_hash').notNull().unique(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    scope: text('scope').notNull(),
    /** The admin who asked for it; null for the command-line bootstrap. */
    createdBy: uuid('created_by'),
    createdByDevice: uuid('created_by_device'),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    usedByDevice: uuid('used_by_device'),
  },
  (t) => [check('enrollment_codes_scope', sql`${t.scope} in ('store','region','chain')`)],
);

/** Settings by scope, as desktops store them: `chain` defaults, a store id to override them. */
export const settings = pgTable(
  'settings',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** JSON text, as the desktop's contract validated it. */
    value: text('value').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/**
 * Approval and return policies by version (DESIGN.md §8). A placeholder: desktops still use the
 * built-in default policies; the back office will hand out per region/store ones from here.
 */
export const policies = pgTable(
  'policies',
  {
    id: text('id').notNull(),
    version: integer('version').notNull(),
    kind: text('kind').notNull(),
    body: jsonb('body').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] })],
);

/** Facts about this back office that must survive restarts (the demo data's reference day). */
export const serverMeta = pgTable('server_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});
