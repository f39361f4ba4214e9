import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Published refund policy sets (shared/domain/policy): one row per version, never changed once
 * published, so a request decided under v3 still shows v3 after v4 is out. An admin publishes
 * at their desktop; the set reaches the back office and every desktop by sync.
 */
export const policySets = sqliteTable(
  'policy_sets',
  {
    id: text('id').primaryKey(),
    /** The set's name, the same across its versions (e.g. `chain`, `region-na`). */
    setKey: text('set_key').notNull(),
    version: integer('version').notNull(),
    scopeKind: text('scope_kind').notNull(),
    /** The region or store id, or the marketplace code; null for the chain. */
    scopeId: text('scope_id'),
    /** PolicyRules JSON (only what this set says; the rest comes from less specific sets). */
    rules: text('rules').notNull(),
    publishedAt: text('published_at').notNull(),
    publishedBy: text('published_by'),
  },
  (t) => [uniqueIndex('policy_sets_version').on(t.setKey, t.version)],
);
