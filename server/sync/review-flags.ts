import { randomUUID } from 'node:crypto';
import type { Db } from '../database/client';
import { reviewFlags } from '../database/schema';

export type ReviewFlagKind =
  | 'terminal_conflict'
  | 'audit_rewritten'
  | 'audit_chain_broken'
  /** The refund executor could not learn a refund's outcome within 48 h (refunds/executor.ts). */
  | 'refund_outcome_unknown';

/**
 * Something a person must look at. One open flag per thing (`dedupeKey`); written in the
 * mutation's transaction, so it exists exactly when the change that raised it does.
 */
export async function flagForReview(
  db: Db,
  flag: {
    kind: ReviewFlagKind;
    deviceId: string | null;
    tableName: string | null;
    rowKey: string | null;
    details: Record<string, unknown>;
    now: Date;
  },
): Promise<void> {
  await db
    .insert(reviewFlags)
    .values({
      id: randomUUID(),
      kind: flag.kind,
      dedupeKey: [flag.kind, flag.deviceId, flag.tableName, flag.rowKey].join(':'),
      deviceId: flag.deviceId,
      tableName: flag.tableName,
      rowKey: flag.rowKey,
      details: flag.details,
      createdAt: flag.now,
    })
    .onConflictDoNothing();
}
