import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** The chain's directory: regions, stores, people and this desktop. Pulled from the back office later. */
export const regions = sqliteTable('regions', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** JSON array of marketplace codes (US, DE, …) whose orders the region's stores take back. */
  marketplaces: text('marketplaces').notNull(),
});

export const stores = sqliteTable('stores', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  regionId: text('region_id')
    .notNull()
    .references(() => regions.id),
  timeZone: text('time_zone').notNull(),
  currency: text('currency').notNull(),
  countryCode: text('country_code').notNull(),
  address: text('address').notNull(),
});

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    scopeKind: text('scope_kind').notNull(),
    scopeStoreId: text('scope_store_id').references(() => stores.id),
    scopeRegionId: text('scope_region_id').references(() => regions.id),
    secretKind: text('secret_kind').notNull(),
    /** scrypt, self-describing: `scrypt$N$r$p$salt$hash` (base64). */
    secretHash: text('secret_hash').notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: text('locked_until'),
    language: text('language').notNull().default('en'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
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
    check('users_secret_kind', sql`${t.secretKind} in ('pin','password')`),
  ],
);

export const devices = sqliteTable(
  'devices',
  {
    id: text('id').primaryKey(),
    /** One letter or two, unique within the store; part of every RMA number made here. */
    code: text('code').notNull(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    name: text('name').notNull(),
    /** Exactly one row is this desktop. */
    isLocal: integer('is_local', { mode: 'boolean' }).notNull().default(false),
    enrolledAt: text('enrolled_at').notNull(),
  },
  (t) => [
    uniqueIndex('devices_store_code').on(t.storeId, t.code),
    uniqueIndex('devices_one_local')
      .on(t.isLocal)
      .where(sql`${t.isLocal} = 1`),
  ],
);

/** Settings by scope: `chain` for defaults, a store id to override them for one store. */
export const settings = sqliteTable(
  'settings',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** JSON value, validated by the contract's schema for the key before it is stored. */
    value: text('value').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by'),
  },
  (t) => [uniqueIndex('settings_scope_key').on(t.scope, t.key), index('settings_key').on(t.key)],
);
