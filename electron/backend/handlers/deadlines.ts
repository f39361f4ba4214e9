import { and, inArray, isNotNull } from 'drizzle-orm';
import type { MarketplaceCode } from '../../../shared/domain/marketplaces';
import type { Currency } from '../../../shared/domain/money';
import { deadlineUrgency } from '../../../shared/domain/policy/refund-deadline';
import { listStoresWithRegion } from '../../../db/repositories/directory';
import { orderById } from '../../../db/repositories/order-lookup';
import { returnById } from '../../../db/repositories/returns';
import { refundRequests } from '../../../db/schema';
import { scopeCovers } from '../../../shared/domain/permissions';
import type { HandlerMap } from '../context';
import { refundPolicyFor } from '../returns/refund-policy';

/** Not paid yet: the deadline still runs for these. */
const UNPAID = ['pending_approval', 'approved', 'submitted'];

export const deadlineHandlers = {
  'refunds.deadlines': (ctx) => {
    const { scope } = ctx.requireUser();
    const stores = new Map(listStoresWithRegion(ctx.db).map(({ store }) => [store.id, store]));
    const nowMs = ctx.now();
    const alertHoursOf = new Map<string, number>();
    const rows = ctx.db
      .select()
      .from(refundRequests)
      .where(and(inArray(refundRequests.status, UNPAID), isNotNull(refundRequests.dueAt)))
      .orderBy(refundRequests.dueAt)
      .all();
    const alerts = [];
    for (const request of rows) {
      const store = stores.get(request.storeId);
      if (!store || !scopeCovers(scope, { storeId: store.id }, ctx.regionOfStore)) continue;
      const order = orderById(ctx.db, request.orderId);
      if (!order) continue;
      const marketplace = order.marketplace as MarketplaceCode;
      // The alert window is today's policy's (one resolution per store and marketplace a call);
      // the due time itself was pinned on the request.
      const policyKey = `${store.id}|${marketplace}`;
      let alertHours = alertHoursOf.get(policyKey);
      if (alertHours === undefined) {
        alertHours = refundPolicyFor(ctx, store.id, marketplace).rules.deadlineAlertHours;
        alertHoursOf.set(policyKey, alertHours);
      }
      const urgency = deadlineUrgency(Date.parse(request.dueAt!), alertHours, nowMs);
      if (urgency === 'on_time') continue;
      alerts.push({
        refundRequestId: request.id,
        returnId: request.returnId,
        rmaNumber: returnById(ctx.db, request.returnId)?.rmaNumber ?? '',
        storeCode: store.code,
        status: request.status,
        amount: { amountMinor: request.totalMinor, currency: request.currency as Currency },
        dueAt: request.dueAt!,
        urgency,
      });
    }
    return alerts;
  },
} satisfies Partial<HandlerMap>;
