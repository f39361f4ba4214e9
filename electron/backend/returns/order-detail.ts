import type { OrderDetail } from '../../../shared/contracts';
import { MARKETPLACES, type MarketplaceCode } from '../../../shared/domain/marketplaces';
import type { Currency } from '../../../shared/domain/money';
import { environmentalTags, paidForLine, type PaidLine } from '../../../shared/domain/returns';
import { hasPermission } from '../../../shared/domain/permissions';
import {
  orderLines,
  returnsOfOrder,
  type OrderLineRow,
  type OrderRow,
} from '../../../db/repositories/order-lookup';
import type { HandlerContext } from '../context';
import { maskEmail, maskName } from './masking';

export function paidLineOf(order: { marketplace: string }, line: OrderLineRow): PaidLine {
  return {
    quantity: line.quantity,
    unitPriceMinor: line.unitPriceMinor,
    itemTaxMinor: line.itemTaxMinor,
    shippingMinor: line.shippingMinor,
    shippingTaxMinor: line.shippingTaxMinor,
    promotionDiscountMinor: line.promotionDiscountMinor,
    taxIncluded: MARKETPLACES[order.marketplace as MarketplaceCode]?.taxIncluded ?? false,
  };
}

/** Whether the signed-in role sees buyers' personal data unmasked. */
export function seesPersonalData(ctx: HandlerContext): boolean {
  return ctx.user ? hasPermission(ctx.user.role, 'customers.personal') : false;
}

/** An order as the counter shows it: each line with what was ordered, returned and refunded. */
export function orderDetail(ctx: HandlerContext, order: OrderRow): OrderDetail {
  const currency = order.currency as Currency;
  const unmasked = seesPersonalData(ctx);
  return {
    id: order.id,
    amazonOrderId: order.amazonOrderId,
    marketplace: order.marketplace,
    currency,
    purchasedAt: order.purchasedAt,
    deliveredAt: order.deliveredAt,
    status: order.status,
    buyerName: unmasked ? order.buyerName : maskName(order.buyerName),
    buyerEmail: unmasked ? order.buyerEmail : maskEmail(order.buyerEmail),
    lines: orderLines(ctx.db, order.id).map((line) => ({
      id: line.id,
      orderItemId: line.orderItemId,
      sku: line.sku,
      asin: line.asin,
      title: line.title,
      category: line.category,
      quantity: line.quantity,
      returnedQuantity: line.returnedQuantity,
      paid: { amountMinor: paidForLine(paidLineOf(order, line)).totalMinor, currency },
      refundedOrRequested: { amountMinor: line.refundedMinor, currency },
      unitPrice: { amountMinor: line.unitPriceMinor, currency },
      hasSerial: line.serialNumber !== null,
      environmentalTags: [...environmentalTags(line.category)],
    })),
    returns: returnsOfOrder(ctx.db, order.id),
  };
}
