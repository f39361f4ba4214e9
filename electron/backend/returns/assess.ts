import { AppError } from '../../../shared/contracts';
import { MARKETPLACES, type MarketplaceCode } from '../../../shared/domain/marketplaces';
import {
  DEFAULT_RETURN_POLICIES,
  evaluateEligibility,
  refundForUnits,
  type EligibilityVerdict,
  type RefundBreakdown,
  type ReturnReasonCode,
} from '../../../shared/domain/returns';
import {
  orderLines,
  type OrderLineRow,
  type OrderRow,
} from '../../../db/repositories/order-lookup';
import type { HandlerContext } from '../context';
import { paidLineOf } from './order-detail';

export interface IntakeLineInput {
  orderLineId: string;
  quantity: number;
  reasonCode: ReturnReasonCode;
  opened: boolean;
  damaged: boolean;
  missingParts: boolean;
}

export interface AssessedLine {
  input: IntakeLineInput;
  orderLine: OrderLineRow;
  verdict: EligibilityVerdict;
  refund: RefundBreakdown;
}

/** The policy that judges returns of this order (its marketplace's, pinned by version). */
export function policyFor(order: OrderRow) {
  const policy = DEFAULT_RETURN_POLICIES[order.marketplace as MarketplaceCode];
  if (!policy)
    throw new AppError('NOT_FOUND', `No return policy for marketplace ${order.marketplace}.`);
  return policy;
}

/**
 * Judges each line the clerk wants to take back: eligibility under the marketplace's policy
 * and what the refund for those units would be. Refuses quantities beyond what is left.
 */
export function assessLines(
  ctx: HandlerContext,
  order: OrderRow,
  lines: readonly IntakeLineInput[],
): AssessedLine[] {
  const policy = policyFor(order);
  const byId = new Map(orderLines(ctx.db, order.id).map((line) => [line.id, line]));
  const seen = new Set<string>();
  return lines.map((input) => {
    const orderLine = byId.get(input.orderLineId);
    if (!orderLine)
      throw new AppError('NOT_FOUND', 'That line is not part of this order.', {
        orderLineId: input.orderLineId,
      });
    if (seen.has(input.orderLineId)) {
      throw new AppError('INVALID_INPUT', 'Each order line may appear once.', {
        orderLineId: input.orderLineId,
      });
    }
    seen.add(input.orderLineId);
    const remaining = orderLine.quantity - orderLine.returnedQuantity;
    if (input.quantity > remaining) {
      throw new AppError(
        'QUANTITY_EXCEEDS_REMAINING',
        'More units than are left to return on that line.',
        {
          orderLineId: input.orderLineId,
          remaining,
        },
      );
    }
    const verdict = evaluateEligibility({
      policy,
      orderStatus: order.status,
      purchasedAt: order.purchasedAt,
      deliveredAt: order.deliveredAt,
      now: ctx.nowIso(),
      category: orderLine.category,
      reason: input.reasonCode,
      condition: { opened: input.opened, damaged: input.damaged, missingParts: input.missingParts },
    });
    const refund = refundForUnits(paidLineOf(order, orderLine), {
      alreadyReturnedUnits: orderLine.returnedQuantity,
      units: input.quantity,
      refundShipping: verdict.refundShipping,
      restockingFeeBps: verdict.restockingFeeBps,
    });
    return { input, orderLine, verdict, refund };
  });
}

export function marketplaceTimeZone(order: OrderRow): string {
  return MARKETPLACES[order.marketplace as MarketplaceCode]?.timeZone ?? 'UTC';
}
