import { desc, eq, max } from 'drizzle-orm';
import type { Db } from '../client';
import { policySets } from '../schema';
import {
  PolicyRulesSchema,
  type PolicyScope,
  type PolicySet,
} from '../../shared/domain/policy/policy-set';

export type PolicySetRow = typeof policySets.$inferSelect;

function scopeOf(row: PolicySetRow): PolicyScope {
  switch (row.scopeKind) {
    case 'region':
      return { kind: 'region', regionId: row.scopeId! };
    case 'store':
      return { kind: 'store', storeId: row.scopeId! };
    case 'marketplace':
      return { kind: 'marketplace', marketplace: row.scopeId as never };
    default:
      return { kind: 'chain' };
  }
}

/** A stored version as the policy engine reads it; rules that no longer parse count as empty. */
export function policySetOf(row: PolicySetRow): PolicySet {
  const rules = PolicyRulesSchema.safeParse(JSON.parse(row.rules));
  return {
    id: row.setKey,
    version: row.version,
    scope: scopeOf(row),
    rules: rules.success ? rules.data : {},
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
  };
}

/** Every published version, newest first within each set. */
export function allPolicySetRows(db: Db): PolicySetRow[] {
  return db.select().from(policySets).orderBy(policySets.setKey, desc(policySets.version)).all();
}

export function publishedPolicySets(db: Db): PolicySet[] {
  return allPolicySetRows(db).map(policySetOf);
}

export function latestVersionOf(db: Db, setKey: string): number {
  return (
    db
      .select({ v: max(policySets.version) })
      .from(policySets)
      .where(eq(policySets.setKey, setKey))
      .get()?.v ?? 0
  );
}

export function insertPolicySet(db: Db, row: typeof policySets.$inferInsert): void {
  db.insert(policySets).values(row).run();
}

export function scopeColumns(scope: PolicyScope): { scopeKind: string; scopeId: string | null } {
  switch (scope.kind) {
    case 'chain':
      return { scopeKind: 'chain', scopeId: null };
    case 'marketplace':
      return { scopeKind: 'marketplace', scopeId: scope.marketplace };
    case 'region':
      return { scopeKind: 'region', scopeId: scope.regionId };
    case 'store':
      return { scopeKind: 'store', scopeId: scope.storeId };
  }
}
