import { AppError } from '../../../shared/contracts';
import type { MarketplaceCode } from '../../../shared/domain/marketplaces';
import type { Currency } from '../../../shared/domain/money';
import { tierAllows, type ApprovalTier } from '../../../shared/domain/policy/routing';
import { hasPermission, scopeCovers } from '../../../shared/domain/permissions';
import {
  paidForLine,
  refundForUnits,
  sumBreakdowns,
  type EligibilityVerdict,
  type RefundBreakdown,
} from '../../../shared/domain/returns';
import { listStoresWithRegion, userById } from '../../../db/repositories/directory';
import { orderById, orderLines } from '../../../db/repositories/order-lookup';
import {
  currentQc,
  insertApproval,
  insertRefundRequest,
  linesOfRefundRequest,
  linesOfReturn,
  liveRefundLinesOfReturnLine,
  pendingRefundRequests,
  refundRequestById,
  refundedUnitsOfOrderLine,
  setRefundStatus,
} from '../../../db/repositories/returns';
import { signedInUser } from '../call-context';
import type { HandlerContext, HandlerMap } from '../context';
import { refundDigest } from '../returns/digest';
import { paidLineOf } from '../returns/order-detail';
import { refundView } from '../returns/refund-view';
import { returnInScope } from '../returns/return-view';
import { decideRefund, refundPolicyFor } from '../returns/refund-policy';
import { riskSignalsFor } from '../returns/risk';

/**
 * Lowers a computed line refund to the amount the clerk gives: shipping and the taxes shrink in
 * proportion (rounded down) and the item takes the rest, so the parts still add up exactly to
 * the total and none grows.
 */
function lowerTo(
  computed: RefundBreakdown,
  totalMinor: number,
  taxIncluded: boolean,
): RefundBreakdown {
  if (totalMinor > computed.totalMinor) {
    throw new AppError(
      'REFUND_EXCEEDS_PAID',
      'A line cannot refund more than its computed amount.',
      {
        computedMinor: computed.totalMinor,
      },
    );
  }
  if (totalMinor === computed.totalMinor) return computed;
  const scale = (part: number) => Math.floor((part * totalMinor) / computed.totalMinor);
  const itemTaxMinor = scale(computed.itemTaxMinor);
  const shippingMinor = scale(computed.shippingMinor);
  const shippingTaxMinor = scale(computed.shippingTaxMinor);
  const addedTax = taxIncluded ? 0 : itemTaxMinor + shippingTaxMinor;
  const itemMinor = totalMinor - addedTax - shippingMinor + computed.restockingFeeMinor;
  if (itemMinor < 0 || itemMinor > computed.itemMinor) {
    throw new AppError('INVALID_INPUT', 'That amount cannot be split over the line.');
  }
  return { ...computed, itemMinor, itemTaxMinor, shippingMinor, shippingTaxMinor, totalMinor };
}

/** Store ids a user's scope covers (null: all). */
function storesInScope(ctx: HandlerContext): string[] | null {
  const { scope } = ctx.requireUser();
  if (scope.kind === 'chain') return null;
  return listStoresWithRegion(ctx.db)
    .filter(({ store }) =>
      scope.kind === 'store' ? store.id === scope.storeId : store.regionId === scope.regionId,
    )
    .map(({ store }) => store.id);
}

export const refundHandlers = {
  /**
   * The refund request: an immutable intent (its id is the idempotency key) computed from the
   * return's lines, guarded so a line never refunds more than was paid, and decided by policy:
   * approved at once, or waiting for a manager.
   */
  'refunds.request': (ctx, input) => {
    const ret = returnInScope(ctx, input.returnId);
    if (refundRequestById(ctx.db, input.id))
      throw new AppError('CONFLICT', 'This refund was already requested.', {
        refundRequestId: input.id,
      });
    const order = orderById(ctx.db, ret.orderId)!;
    const orderLineById = new Map(orderLines(ctx.db, order.id).map((l) => [l.id, l]));
    const returnLines = linesOfReturn(ctx.db, ret.id).filter((l) => l.state !== 'cancelled');
    if (
      input.lines?.some((l) => l.units !== undefined || l.totalMinor !== undefined) &&
      !input.adjustmentReason
    ) {
      throw new AppError(
        'ADJUSTMENT_REASON_REQUIRED',
        'Say why the refund differs from the computed amount.',
      );
    }
    const wanted =
      input.lines ??
      returnLines.map((l) => ({ returnLineId: l.id, units: undefined, totalMinor: undefined }));
    const lines = wanted.map((want) => {
      const line = returnLines.find((l) => l.id === want.returnLineId);
      if (!line)
        throw new AppError('NOT_FOUND', 'That line is not part of this return.', {
          returnLineId: want.returnLineId,
        });
      if (liveRefundLinesOfReturnLine(ctx.db, line.id).length > 0) {
        throw new AppError(
          'REFUND_ALREADY_REQUESTED',
          'A refund for this item was already requested.',
          { returnLineId: line.id },
        );
      }
      const units = want.units ?? line.quantity;
      if (units > line.quantity) {
        throw new AppError(
          'QUANTITY_EXCEEDS_REMAINING',
          'More units than were returned on that line.',
          { returnLineId: line.id, remaining: line.quantity },
        );
      }
      const orderLine = orderLineById.get(line.orderLineId)!;
      const verdict = JSON.parse(line.eligibility) as EligibilityVerdict;
      const paidLine = paidLineOf(order, orderLine);
      const alreadyUnits = refundedUnitsOfOrderLine(ctx.db, orderLine.id);
      if (alreadyUnits + units > orderLine.quantity) {
        throw new AppError('REFUND_EXCEEDS_PAID', 'Those units were refunded already.', {
          orderLineId: orderLine.id,
        });
      }
      const computed = refundForUnits(paidLine, {
        alreadyReturnedUnits: alreadyUnits,
        units,
        refundShipping: verdict.refundShipping,
        restockingFeeBps: line.restockingFeeBps,
      });
      const amount =
        want.totalMinor === undefined
          ? computed
          : lowerTo(computed, want.totalMinor, paidLine.taxIncluded);
      // The guard of DESIGN.md §7 at the counter: ours so far plus this never exceed what was paid.
      const paid = paidForLine(paidLine).totalMinor;
      if (orderLine.refundedMinor + amount.totalMinor > paid) {
        throw new AppError(
          'REFUND_EXCEEDS_PAID',
          'This would refund more than was paid for the line.',
          {
            orderLineId: orderLine.id,
            paidMinor: paid,
            alreadyMinor: orderLine.refundedMinor,
          },
        );
      }
      return { line, orderLine, verdict, units, amount };
    });
    const total = sumBreakdowns(lines.map((l) => l.amount));
    const currency = order.currency as Currency;
    const marketplace = order.marketplace as MarketplaceCode;
    const policy = refundPolicyFor(ctx, ret.storeId, marketplace);
    const riskSignals = riskSignalsFor(ctx, {
      buyerEmail: order.buyerEmail,
      excludeReturnId: ret.id,
      outsideWindow: lines.some((l) => !l.verdict.withinWindow),
      overridden: ret.overrideBy !== null,
      serialMismatch: lines.some((l) => currentQc(ctx.db, l.line.id)?.serialCheck === 'mismatch'),
      skus: lines.map((l) => l.orderLine.sku),
      orderLineIds: lines.map((l) => l.orderLine.id),
      rules: policy.rules,
    });
    const decision = decideRefund(ctx, {
      storeId: ret.storeId,
      marketplace,
      amount: { amountMinor: total.totalMinor, currency },
      signals: riskSignals,
      receivedAt: ret.createdAt,
      policy,
    });
    const at = ctx.nowIso();
    const requestLines = lines.map((l) => ({
      id: ctx.newId(),
      refundRequestId: input.id,
      returnLineId: l.line.id,
      orderLineId: l.orderLine.id,
      units: l.units,
      ...l.amount,
    }));
    const digest = refundDigest({
      id: input.id,
      orderId: order.id,
      currency,
      totalMinor: total.totalMinor,
      lines: requestLines,
    });
    const user = ctx.requireUser();
    const row = {
      id: input.id,
      returnId: ret.id,
      orderId: order.id,
      storeId: ret.storeId,
      currency,
      ...total,
      adjustmentReason: input.adjustmentReason ?? null,
      status: decision.decision === 'auto_approved' ? 'approved' : 'pending_approval',
      decision: decision.decision,
      decisionReasons: JSON.stringify(decision.reasons),
      riskSignals: JSON.stringify(riskSignals),
      approvalPolicyId: decision.policyId,
      approvalPolicyVersion: decision.policyVersion,
      approvalTier: decision.tier,
      dueAt: decision.dueAt,
      digest,
      requestedBy: user.row.id,
      requestedAt: at,
    };
    insertRefundRequest(ctx.db, row, requestLines);
    if (decision.decision === 'auto_approved') {
      insertApproval(ctx.db, {
        id: ctx.newId(),
        refundRequestId: row.id,
        decision: 'approved',
        method: 'policy',
        decidedBy: null,
        comment: '',
        requestDigest: digest,
        deviceId: ctx.device.id,
        decidedAt: at,
      });
    }
    ctx.recordChange({
      entityType: 'refund_request',
      entityId: row.id,
      storeId: ret.storeId,
      before: null,
      after: { ...row, lines: requestLines },
      mutation: { name: 'refunds.request', args: { ...row, lines: requestLines } },
    });
    return refundView(ctx, refundRequestById(ctx.db, row.id)!);
  },

  'approvals.queue': (ctx) =>
    pendingRefundRequests(ctx.db, storesInScope(ctx)).map((row) => refundView(ctx, row)),

  /**
   * A manager's decision: single-use, bound to the request's digest, by the manager signed in
   * or by one who entered their PIN at this till. Nobody decides their own request.
   */
  'approvals.decide': (ctx, input) => {
    const request = refundRequestById(ctx.db, input.refundRequestId);
    if (!request) throw new AppError('NOT_FOUND', 'No such refund request.');
    if (request.status !== 'pending_approval') {
      throw new AppError('ALREADY_DECIDED', 'This request was decided already.', {
        status: request.status,
      });
    }
    let deciderId: string;
    if (input.grantId) {
      deciderId = ctx.grants.consume(input.grantId, ctx.channel, 'approvals.decide', ctx.now());
    } else {
      const user = ctx.requireUser();
      if (!hasPermission(user.role, 'approvals.decide'))
        throw new AppError('FORBIDDEN', 'A manager must decide this.');
      deciderId = user.row.id;
    }
    const decider = signedInUser(userById(ctx.db, deciderId)!);
    if (!scopeCovers(decider.scope, { storeId: request.storeId }, ctx.regionOfStore)) {
      throw new AppError('OUT_OF_SCOPE', 'That manager is not responsible for this store.');
    }
    if (deciderId === request.requestedBy)
      throw new AppError('FORBIDDEN', 'Nobody approves their own refund request.');
    // The policy that routed the request named who may decide it (escalation tiers).
    if (request.approvalTier && !tierAllows(request.approvalTier as ApprovalTier, decider.role)) {
      throw new AppError(
        'FORBIDDEN',
        `This refund needs a ${request.approvalTier.replace('_', ' ')}.`,
        {
          tier: request.approvalTier,
        },
      );
    }
    const lines = linesOfRefundRequest(ctx.db, request.id);
    const digest = refundDigest({
      id: request.id,
      orderId: request.orderId,
      currency: request.currency,
      totalMinor: request.totalMinor,
      lines,
    });
    if (digest !== request.digest)
      throw new AppError(
        'CONFLICT',
        'The request changed since it was made; it cannot be decided.',
      );
    const approval = {
      id: input.id,
      refundRequestId: request.id,
      decision: input.decision,
      method: input.grantId ? 'till_pin' : 'queue',
      decidedBy: deciderId,
      comment: input.comment,
      requestDigest: digest,
      deviceId: ctx.device.id,
      decidedAt: ctx.nowIso(),
    };
    insertApproval(ctx.db, approval);
    setRefundStatus(ctx.db, request.id, input.decision);
    ctx.recordChange({
      entityType: 'approval',
      entityId: approval.id,
      storeId: request.storeId,
      before: { status: request.status },
      after: approval,
    });
    return refundView(ctx, refundRequestById(ctx.db, request.id)!);
  },
} satisfies Partial<HandlerMap>;
