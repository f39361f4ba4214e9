import { and, count, desc, eq, gt, gte, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import {
  approvalChallenges,
  approvals,
  auditEvents,
  managerKeySecrets,
  managerKeys,
  managerStoreKeys,
  offlineCodeFailures,
} from '../schema';

/** Offline approval codes (issue #7): challenges, the guessing window, the keys pulled here. */

export type ApprovalChallengeRow = typeof approvalChallenges.$inferSelect;

export function insertChallenge(db: Db, row: typeof approvalChallenges.$inferInsert): void {
  db.insert(approvalChallenges).values(row).run();
}

export function challengeById(db: Db, id: string): ApprovalChallengeRow | undefined {
  return db.select().from(approvalChallenges).where(eq(approvalChallenges.id, id)).get();
}

export function markChallengeUsed(db: Db, id: string, at: string): void {
  db.update(approvalChallenges).set({ usedAt: at }).where(eq(approvalChallenges.id, id)).run();
}

/** A wrong code: counted against its challenge and in the store's window. */
export function recordCodeFailure(
  db: Db,
  failure: { id: string; challengeId: string; at: string },
) {
  db.insert(offlineCodeFailures).values(failure).run();
  db.update(approvalChallenges)
    .set({ failures: sql`${approvalChallenges.failures} + 1` })
    .where(eq(approvalChallenges.id, failure.challengeId))
    .run();
}

export function codeFailureTimesSince(db: Db, sinceIso: string): number[] {
  return db
    .select({ at: offlineCodeFailures.at })
    .from(offlineCodeFailures)
    .where(gt(offlineCodeFailures.at, sinceIso))
    .all()
    .map((r) => Date.parse(r.at));
}

export interface StoreKeyCandidate {
  keyId: string;
  userId: string;
  revokedAt: string | null;
  publicKey: string;
  storeKey: string;
}

/** Every manager key this store holds a derived key of, revoked ones too. */
export function storeKeyCandidates(db: Db, storeId: string): StoreKeyCandidate[] {
  return db
    .select({
      keyId: managerKeys.id,
      userId: managerKeys.userId,
      revokedAt: managerKeys.revokedAt,
      publicKey: managerKeys.publicKey,
      storeKey: managerStoreKeys.storeKey,
    })
    .from(managerStoreKeys)
    .innerJoin(managerKeys, eq(managerKeys.id, managerStoreKeys.managerKeyId))
    .where(eq(managerStoreKeys.storeId, storeId))
    .all();
}

/** The signed-in manager's live key with its secrets, when this desktop holds it. */
export function ownManagerSecret(db: Db, userId: string) {
  return db
    .select({
      keyId: managerKeys.id,
      secret: managerKeySecrets.secret,
      signingSecret: managerKeySecrets.signingSecret,
    })
    .from(managerKeySecrets)
    .innerJoin(managerKeys, eq(managerKeys.id, managerKeySecrets.id))
    .where(and(eq(managerKeySecrets.userId, userId), isNull(managerKeys.revokedAt)))
    .orderBy(desc(managerKeys.version))
    .get();
}

/** Offline-code approvals by one manager recorded here since a time (the per-day limit). */
export function offlineApprovalsSince(db: Db, managerId: string, sinceIso: string): number {
  return (
    db
      .select({ n: count() })
      .from(approvals)
      .where(
        and(
          eq(approvals.method, 'offline_code'),
          eq(approvals.decidedBy, managerId),
          gte(approvals.decidedAt, sinceIso),
        ),
      )
      .get()?.n ?? 0
  );
}

export function deleteApproval(db: Db, id: string): void {
  db.delete(approvals).where(eq(approvals.id, id)).run();
}

/** Codes a manager made on this desktop since a time (their audit events): the per-day limit. */
export function offlineResponsesSince(db: Db, userId: string, sinceIso: string): number {
  return (
    db
      .select({ n: count() })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'approvals.offlineRespond'),
          eq(auditEvents.userId, userId),
          gte(auditEvents.at, sinceIso),
        ),
      )
      .get()?.n ?? 0
  );
}
