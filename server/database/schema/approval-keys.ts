import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { regions, users } from './directory';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Regional managers' offline approval keys (shared/domain/approvals/offline-code.ts), made and
 * rotated here. Desktops pull what they may hold (sync_rows): every device in the region the
 * public half, each store its derived store key, the manager's laptops the secrets. The back
 * office keeps the secrets to check part B (and signed approvals) before money moves.
 *
 * The secrets are stored as they are: encrypting them at rest with a server key (a KMS, or
 * PostgreSQL's disk encryption) is a deployment step (server/README.md).
 */
export const managerKeys = pgTable(
  'manager_keys',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    /** 1 for the first key of a manager, then one more per rotation. */
    version: integer('version').notNull(),
    /** The OCRA key (base64, 32 bytes): parts A (through the store keys) and B. */
    secret: text('secret').notNull(),
    /** Ed25519 secret key (base64): signs QR approvals, on the manager's laptops only. */
    signingSecret: text('signing_secret').notNull(),
    publicKey: text('public_key').notNull(),
    createdAt: at('created_at').notNull(),
    createdBy: uuid('created_by'),
    revokedAt: at('revoked_at'),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [index('manager_keys_user').on(t.userId)],
);
