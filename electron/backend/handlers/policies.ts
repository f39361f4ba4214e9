import { AppError } from '../../../shared/contracts';
import type { MarketplaceCode } from '../../../shared/domain/marketplaces';
import type { Currency } from '../../../shared/domain/money';
import {
  DEFAULT_POLICY_RULES,
  policyLabel,
  resolvePolicy,
  type PolicySet,
} from '../../../shared/domain/policy/policy-set';
import { routeRefund, type ApprovalTier } from '../../../shared/domain/policy/routing';
import { RISK_SIGNAL_CODES, type RiskSignal } from '../../../shared/domain/returns';
import { listStoresWithRegion } from '../../../db/repositories/directory';
import { orderById } from '../../../db/repositories/order-lookup';
import {
  allPolicySetRows,
  insertPolicySet,
  latestVersionOf,
  policySetOf,
  publishedPolicySets,
  scopeColumns,
} from '../../../db/repositories/policy-sets';
import {
  insertApproval,
  pendingRefundRequests,
  returnById,
  setRefundStatus,
  type RefundRequestRow,
} from '../../../db/repositories/returns';
import type { HandlerContext, HandlerMap } from '../context';

interface Draft {
  setKey: string;
  scope: PolicySet['scope'];
  rules: PolicySet['rules'];
}

function signalsOf(request: RefundRequestRow): RiskSignal[] {
  try {
    const parsed = JSON.parse(request.riskSignals) as RiskSignal[];
    return parsed.filter((s) => (RISK_SIGNAL_CODES as readonly string[]).includes(s.code));
  } catch {
    // Unreadable signals fail safe: treat the request as flagged, so nothing auto-approves it.
    return [{ code: 'ELIGIBILITY_OVERRIDDEN' }];
  }
}

/**
 * What a draft version would do to the requests waiting here: each one's tier before and
 * after. Publishing uses this same function, so the preview's count is what publishing does.
 */
function reroute(ctx: HandlerContext, draft: Draft, version: number) {
  const published = publishedPolicySets(ctx.db);
  const next: PolicySet = {
    id: draft.setKey,
    version,
    scope: draft.scope,
    rules: draft.rules,
    publishedAt: ctx.nowIso(),
    publishedBy: null,
  };
  const stores = new Map(listStoresWithRegion(ctx.db).map(({ store }) => [store.id, store]));
  const changes = [];
  for (const request of pendingRefundRequests(ctx.db, null)) {
    const order = orderById(ctx.db, request.orderId);
    const store = stores.get(request.storeId);
    if (!order || !store) continue;
    const target = {
      storeId: store.id,
      regionId: store.regionId,
      marketplace: order.marketplace as MarketplaceCode,
    };
    const amount = { amountMinor: request.totalMinor, currency: request.currency as Currency };
    const signals = signalsOf(request);
    const from =
      (request.approvalTier as ApprovalTier | null) ??
      routeRefund({ amount, signals, policy: resolvePolicy(published, target) }).tier;
    const after = resolvePolicy([...published, next], target);
    const to = routeRefund({ amount, signals, policy: after }).tier;
    if (from !== to) {
      changes.push({
        request,
        label: policyLabel(after),
        view: {
          refundRequestId: request.id,
          rmaNumber: returnById(ctx.db, request.returnId)?.rmaNumber ?? '',
          storeCode: store.code,
          amount,
          from,
          to,
        },
      });
    }
  }
  return changes;
}

function checkScope(ctx: HandlerContext, draft: Draft): void {
  const stores = listStoresWithRegion(ctx.db);
  if (
    draft.scope.kind === 'store' &&
    !stores.some(({ store }) => store.id === (draft.scope as { storeId: string }).storeId)
  )
    throw new AppError('NOT_FOUND', 'No such store.');
  if (
    draft.scope.kind === 'region' &&
    !stores.some(({ region }) => region.id === (draft.scope as { regionId: string }).regionId)
  )
    throw new AppError('NOT_FOUND', 'No such region.');
  const existing = allPolicySetRows(ctx.db).find((r) => r.setKey === draft.setKey);
  if (existing) {
    const { scopeKind, scopeId } = scopeColumns(draft.scope);
    if (existing.scopeKind !== scopeKind || existing.scopeId !== scopeId)
      throw new AppError('CONFLICT', `${draft.setKey} applies elsewhere; a set keeps its scope.`);
  }
}

export const policyHandlers = {
  'policies.list': (ctx) => ({
    sets: allPolicySetRows(ctx.db).map((row) => {
      const set = policySetOf(row);
      return {
        rowId: row.id,
        setKey: row.setKey,
        version: row.version,
        scope: set.scope,
        rules: set.rules,
        publishedAt: row.publishedAt,
        publishedBy: row.publishedBy,
      };
    }),
    defaults: DEFAULT_POLICY_RULES,
  }),

  'policies.preview': (ctx, input) => {
    checkScope(ctx, input);
    const version = latestVersionOf(ctx.db, input.setKey) + 1;
    const changes = reroute(ctx, input, version).map((c) => c.view);
    return { version, nowAutoApproved: changes.filter((c) => c.to === 'auto').length, changes };
  },

  /**
   * Publishes the next version of a set and applies it to the requests waiting here: those it
   * routes to nobody are approved by policy now (the back office re-checks under this version);
   * the others keep the tier they were given (a request stays pinned to the policy that
   * decided it).
   */
  'policies.publish': (ctx, input) => {
    checkScope(ctx, input);
    const user = ctx.requireUser();
    const version = latestVersionOf(ctx.db, input.setKey) + 1;
    const changes = reroute(ctx, input, version);
    const at = ctx.nowIso();
    insertPolicySet(ctx.db, {
      id: input.id,
      setKey: input.setKey,
      version,
      ...scopeColumns(input.scope),
      rules: JSON.stringify(input.rules),
      publishedAt: at,
      publishedBy: user.row.id,
    });
    const approved = changes.filter((c) => c.view.to === 'auto');
    for (const change of approved) {
      insertApproval(ctx.db, {
        id: ctx.newId(),
        refundRequestId: change.request.id,
        decision: 'approved',
        method: 'policy',
        decidedBy: null,
        comment: `Approved by policy ${change.label}`,
        requestDigest: change.request.digest,
        deviceId: ctx.device.id,
        decidedAt: at,
      });
      setRefundStatus(ctx.db, change.request.id, 'approved');
    }
    const label = `${input.setKey} v${version}`;
    ctx.recordChange({
      entityType: 'policy_set',
      entityId: input.id,
      storeId: input.scope.kind === 'store' ? input.scope.storeId : ctx.device.storeId,
      before: null,
      after: {
        setKey: input.setKey,
        version,
        scope: input.scope,
        rules: input.rules,
        autoApproved: approved.map((c) => c.request.id),
      },
      mutation: { name: 'policies.publish', args: { id: input.id, setKey: input.setKey, version } },
    });
    return { version, label, autoApproved: approved.length };
  },
} satisfies Partial<HandlerMap>;
