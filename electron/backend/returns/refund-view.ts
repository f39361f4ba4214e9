import type { RefundRequest } from '../../../shared/contracts';
import { storeById, userById } from '../../../db/repositories/directory';
import {
  approvalOfRequest,
  linesOfRefundRequest,
  returnById,
  returnLineById,
  type RefundRequestRow,
} from '../../../db/repositories/returns';
import { orderLines } from '../../../db/repositories/order-lookup';
import type { HandlerContext } from '../context';

const nameOf = (ctx: HandlerContext, userId: string | null) =>
  userId ? (userById(ctx.db, userId)?.displayName ?? userId) : null;

function breakdown(
  currency: string,
  row: {
    itemMinor: number;
    itemTaxMinor: number;
    shippingMinor: number;
    shippingTaxMinor: number;
    restockingFeeMinor: number;
    totalMinor: number;
  },
) {
  return {
    currency,
    itemMinor: row.itemMinor,
    itemTaxMinor: row.itemTaxMinor,
    shippingMinor: row.shippingMinor,
    shippingTaxMinor: row.shippingTaxMinor,
    restockingFeeMinor: row.restockingFeeMinor,
    totalMinor: row.totalMinor,
  };
}

/** A refund request as the counter and the managers' queue show it. */
export function refundView(ctx: HandlerContext, row: RefundRequestRow): RefundRequest {
  const ret = returnById(ctx.db, row.returnId)!;
  const titles = new Map(orderLines(ctx.db, row.orderId).map((l) => [l.id, l.title]));
  const approval = approvalOfRequest(ctx.db, row.id);
  return {
    id: row.id,
    returnId: row.returnId,
    rmaNumber: ret.rmaNumber,
    storeCode: storeById(ctx.db, row.storeId)?.code ?? '',
    status: row.status,
    decision: row.decision as RefundRequest['decision'],
    decisionReasons: JSON.parse(row.decisionReasons),
    riskSignals: JSON.parse(row.riskSignals),
    amount: breakdown(row.currency, row),
    adjustmentReason: row.adjustmentReason,
    policyId: row.approvalPolicyId,
    policyVersion: row.approvalPolicyVersion,
    requestedBy: nameOf(ctx, row.requestedBy) ?? '',
    requestedAt: row.requestedAt,
    lines: linesOfRefundRequest(ctx.db, row.id).map((line) => ({
      returnLineId: line.returnLineId,
      title: titles.get(returnLineById(ctx.db, line.returnLineId)?.orderLineId ?? '') ?? '',
      units: line.units,
      amount: breakdown(row.currency, line),
    })),
    approval: approval
      ? {
          id: approval.id,
          decision: approval.decision as 'approved' | 'denied',
          method: approval.method,
          decidedBy: nameOf(ctx, approval.decidedBy),
          comment: approval.comment,
          decidedAt: approval.decidedAt,
          confirmedAt: approval.confirmedAt ?? null,
        }
      : null,
    amazonAdjustmentId: row.amazonAdjustmentId ?? null,
    rejectionReason: row.rejectionReason ?? null,
  };
}
