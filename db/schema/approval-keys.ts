import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Offline approval codes (shared/domain/approvals/offline-code.ts). The back office makes and
 * rotates each manager's keys; desktops pull what they may hold:
 * - every desktop in scope: the key's public half and whether it is revoked;
 * - a store's desktops: the store key derived for their store (verifies part A);
 * - the manager's laptops (region-scoped devices of their region): the secrets that make codes.
 */
export const managerKeys = sqliteTable(
  'manager_keys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    version: integer('version').notNull(),
    /** Ed25519 public key (base64) for signed (QR) approvals. */
    publicKey: text('public_key').notNull(),
    createdAt: text('created_at').notNull(),
    /** From the next sync on, codes of a revoked key are refused. */
    revokedAt: text('revoked_at'),
  },
  (t) => [index('manager_keys_user').on(t.userId)],
);

export const managerStoreKeys = sqliteTable(
  'manager_store_keys',
  {
    id: text('id').primaryKey(),
    managerKeyId: text('manager_key_id').notNull(),
    storeId: text('store_id').notNull(),
    /** HMAC(manager key, store id), base64: checks part A at this store, makes nothing else. */
    storeKey: text('store_key').notNull(),
  },
  (t) => [uniqueIndex('manager_store_keys_once').on(t.managerKeyId, t.storeId)],
);

export const managerKeySecrets = sqliteTable('manager_key_secrets', {
  /** The manager key's id. */
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  /** The OCRA key (base64): parts A and B are made with it. */
  secret: text('secret').notNull(),
  /** Ed25519 secret key (base64): signs QR approvals. */
  signingSecret: text('signing_secret').notNull(),
});

/** A challenge shown at the till for one pending request: single-use, expires. Local only. */
export const approvalChallenges = sqliteTable(
  'approval_challenges',
  {
    id: text('id').primaryKey(),
    refundRequestId: text('refund_request_id').notNull(),
    /** 12 digits: the nonce, then its binding to the request's digest and the store. */
    challenge: text('challenge').notNull(),
    requestDigest: text('request_digest').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    /** Wrong codes typed for this challenge. */
    failures: integer('failures').notNull().default(0),
    usedAt: text('used_at'),
  },
  (t) => [index('approval_challenges_request').on(t.refundRequestId)],
);

/** Wrong codes typed at this store, any challenge: the guessing guard's window. Local only. */
export const offlineCodeFailures = sqliteTable(
  'offline_code_failures',
  {
    id: text('id').primaryKey(),
    challengeId: text('challenge_id').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('offline_code_failures_at').on(t.at)],
);
