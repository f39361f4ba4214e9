import { AppError } from '../../../shared/contracts';
import {
  returnStatusFromLines,
  sumBreakdowns,
  type RefundBreakdown,
} from '../../../shared/domain/returns';
import type { MarketplaceCode } from '../../../shared/domain/marketplaces';
import type { Currency } from '../../../shared/domain/money';
import { hasPermission } from '../../../shared/domain/permissions';
import { insertReturn, recentReturns, returnById } from '../../../db/repositories/returns';
import type { HandlerContext, HandlerMap } from '../context';
import { assessLines, policyFor, type AssessedLine } from '../returns/assess';
import { decideRefund, refundPolicyFor } from '../returns/refund-policy';
import { riskSignalsFor } from '../returns/risk';
import { returnDetail } from '../returns/return-view';
import { nextRmaNumber } from '../returns/rma-number';
import { orderByIdOrThrow } from './order-lookup';

const withCurrency = (currency: string, b: RefundBreakdown) => ({ currency, ...b });

/** Who may take a return the policy refuses: a manager at the till, or one who authorised it by PIN. */
function overrideAuthority(ctx: HandlerContext, grantId: string | undefined): string {
  const user = ctx.requireUser();
  if (hasPermission(user.role, 'returns.override')) return user.row.id;
  if (grantId) return ctx.grants.consume(grantId, ctx.channel, 'returns.override', ctx.now());
  throw new AppError('OVERRIDE_NOT_ALLOWED', 'Only a manager can take a return the rules refuse.');
}

function notEligibleDetails(assessed: AssessedLine[]) {
  return {
    lines: assessed
      .filter((a) => !a.verdict.eligible)
      .map((a) => ({
        orderLineId: a.input.orderLineId,
        reasons: a.verdict.reasons,
        overridable: a.verdict.overridable,
      })),
  };
}

export const returnHandlers = {
  /** What the clerk sees while choosing lines: the verdicts, the refund, and who must approve. */
  'returns.assess': (ctx, input) => {
    const order = orderByIdOrThrow(ctx, input.orderId);
    const assessed = assessLines(ctx, order, input.lines);
    const total = sumBreakdowns(assessed.map((a) => a.refund));
    const marketplace = order.marketplace as MarketplaceCode;
    const policy = refundPolicyFor(ctx, ctx.device.storeId, marketplace);
    const riskSignals = riskSignalsFor(ctx, {
      buyerEmail: order.buyerEmail,
      outsideWindow: assessed.some((a) => !a.verdict.withinWindow),
      overridden: assessed.some((a) => !a.verdict.eligible),
      serialMismatch: false,
      skus: assessed.map((a) => a.orderLine.sku),
      orderLineIds: assessed.map((a) => a.orderLine.id),
      rules: policy.rules,
    });
    const approval = decideRefund(ctx, {
      storeId: ctx.device.storeId,
      marketplace,
      amount: { amountMinor: total.totalMinor, currency: order.currency as Currency },
      signals: riskSignals,
      receivedAt: ctx.nowIso(),
      policy,
    });
    return {
      lines: assessed.map((a) => ({
        orderLineId: a.input.orderLineId,
        verdict: a.verdict,
        refund: withCurrency(order.currency, a.refund),
      })),
      total: withCurrency(order.currency, total),
      approval: { decision: approval.decision, reasons: approval.reasons },
      riskSignals,
    };
  },

  /** Intake: the return, its lines and an RMA number, written with its audit event and outbox row. */
  'returns.create': (ctx, input) => {
    if (returnById(ctx.db, input.id))
      throw new AppError('CONFLICT', 'This return was already recorded.', { returnId: input.id });
    const user = ctx.requireUser();
    const order = orderByIdOrThrow(ctx, input.orderId);
    const assessed = assessLines(ctx, order, input.lines);
    const refused = assessed.filter((a) => !a.verdict.eligible);
    let overrideBy: string | null = null;
    if (refused.length > 0) {
      if (!input.override)
        throw new AppError(
          'NOT_ELIGIBLE',
          'The return rules refuse this return.',
          notEligibleDetails(assessed),
        );
      if (refused.some((a) => !a.verdict.overridable)) {
        throw new AppError(
          'NOT_ELIGIBLE',
          'Nothing can be taken back on this order.',
          notEligibleDetails(assessed),
        );
      }
      overrideBy = overrideAuthority(ctx, input.override.grantId);
    }
    const policy = policyFor(order);
    const at = ctx.nowIso();
    const rmaNumber = nextRmaNumber(ctx);
    const lines = assessed.map((a, i) => ({
      id: input.lines[i]!.id,
      returnId: input.id,
      orderLineId: a.input.orderLineId,
      quantity: a.input.quantity,
      reasonCode: a.input.reasonCode,
      comment: input.lines[i]!.comment,
      opened: a.input.opened,
      damaged: a.input.damaged,
      missingParts: a.input.missingParts,
      eligibility: JSON.stringify(a.verdict),
      restockingFeeBps: a.verdict.restockingFeeBps,
      state: 'received',
      disposition: null,
      disposedAt: null,
      createdAt: at,
    }));
    const row = {
      id: input.id,
      rmaNumber,
      orderId: order.id,
      storeId: ctx.device.storeId,
      deviceId: ctx.device.id,
      createdBy: user.row.id,
      status: returnStatusFromLines(lines.map(() => 'received' as const)),
      customerComment: input.customerComment,
      overrideBy,
      overrideReason: overrideBy ? (input.override?.reason ?? null) : null,
      returnPolicyId: policy.id,
      returnPolicyVersion: policy.version,
      createdAt: at,
      updatedAt: at,
    };
    insertReturn(ctx.db, row, lines);
    ctx.recordChange({
      entityType: 'return',
      entityId: input.id,
      storeId: ctx.device.storeId,
      before: null,
      after: { ...row, lines: lines.map(({ eligibility: _e, ...line }) => line) },
      mutation: {
        name: 'returns.create',
        args: {
          ...input,
          rmaNumber,
          override: input.override ? { reason: input.override.reason, by: overrideBy } : undefined,
        },
      },
    });
    return { returnId: input.id, rmaNumber };
  },

  'returns.get': (ctx, input) => returnDetail(ctx, input.returnId),

  'returns.recent': (ctx, input) => recentReturns(ctx.db, input.storeId, input.limit),
} satisfies Partial<HandlerMap>;
