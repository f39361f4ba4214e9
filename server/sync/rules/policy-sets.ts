import { and, eq, sql } from 'drizzle-orm';
import { PolicyRulesSchema, type PolicySet } from '../../../shared/domain/policy/policy-set';
import { syncRows } from '../../database/schema';
import type { Db } from '../../database/client';
import type { PolicySetRow } from '../row-schemas';
import {
  publish,
  rowsOf,
  sameRow,
  storedRow,
  syncRowsReadable,
  type MutationContext,
} from './context';
import { requireAdmin } from './directory';
import { reject } from './rejection';

/**
 * Published policy versions: only an admin publishes, a version never changes, and one set has
 * one row per version number. Every desktop pulls them all (a request names the versions that
 * decided it, and the back office re-checks policy approvals with exactly those).
 */
async function applyPolicySet(ctx: MutationContext, row: PolicySetRow) {
  const stored = await storedRow(ctx, 'policySets', row);
  if (stored) {
    if (!sameRow(stored.data, row))
      reject('IMMUTABLE', 'A published policy version never changes.');
    return;
  }
  await requireAdmin(ctx);
  let rules: unknown;
  try {
    rules = JSON.parse(row.rules);
  } catch {
    reject('INVALID_ROW', 'The policy rules are not JSON.');
  }
  if (!PolicyRulesSchema.safeParse(rules).success)
    reject('INVALID_ROW', 'The policy rules are not valid.');
  await syncRowsReadable(ctx);
  const [taken] = await ctx.tx
    .select({ rowKey: syncRows.rowKey })
    .from(syncRows)
    .where(
      and(
        eq(syncRows.tableName, 'policySets'),
        sql`${syncRows.data}->>'setKey' = ${row.setKey}`,
        sql`(${syncRows.data}->>'version')::int = ${row.version}`,
      ),
    )
    .limit(1);
  if (taken) reject('IMMUTABLE', `${row.setKey} v${row.version} is published already.`);
  await publish(ctx, 'policySets', row, {});
}

export async function applyPolicySets(ctx: MutationContext): Promise<void> {
  for (const row of rowsOf<PolicySetRow>(ctx, 'policySets')) await applyPolicySet(ctx, row);
}

/** Every published version the back office holds, as the policy engine reads them. */
export async function publishedPolicySets(db: Db): Promise<PolicySet[]> {
  const rows = await db
    .select({ data: syncRows.data })
    .from(syncRows)
    .where(and(eq(syncRows.tableName, 'policySets'), eq(syncRows.deleted, false)));
  return rows.map(({ data }) => {
    const row = data as PolicySetRow;
    const rules = PolicyRulesSchema.safeParse(JSON.parse(row.rules));
    return {
      id: row.setKey,
      version: row.version,
      scope:
        row.scopeKind === 'chain'
          ? { kind: 'chain' }
          : row.scopeKind === 'region'
            ? { kind: 'region', regionId: row.scopeId! }
            : row.scopeKind === 'store'
              ? { kind: 'store', storeId: row.scopeId! }
              : { kind: 'marketplace', marketplace: row.scopeId as never },
      rules: rules.success ? rules.data : {},
      publishedAt: row.publishedAt,
      publishedBy: row.publishedBy,
    } satisfies PolicySet;
  });
}
