import { AMAZON_ORDER_ID, AppError } from '../../../shared/contracts';
import { RMA_NUMBER_PATTERN } from '../../../shared/domain/returns';
import {
  orderByAmazonId,
  orderById,
  orderByRmaNumber,
  ordersByBuyerEmail,
  ordersByBuyerName,
  ordersByPhoneLast4,
  type OrderRow,
} from '../../../db/repositories/order-lookup';
import type { HandlerContext, HandlerMap } from '../context';
import { orderDetail } from '../returns/order-detail';

/** The marketplaces whose orders this store takes back (its region's). */
export function counterMarketplaces(ctx: HandlerContext): string[] {
  return ctx.device.marketplaces;
}

/** Looks like someone meant to type an order id: digits and dashes only. */
const ORDER_ID_ATTEMPT = /^[\d\s-]{8,}$/;

export const orderLookupHandlers = {
  /**
   * One search field for everything a customer can show or say: a scanned or typed Amazon
   * order id, an RMA number, an email, the last four digits of a phone, or a name.
   */
  'orders.find': (ctx, { query }) => {
    const marketplaces = counterMarketplaces(ctx);
    const visible = (order: OrderRow | undefined): OrderRow[] =>
      order && marketplaces.includes(order.marketplace) ? [order] : [];
    if (AMAZON_ORDER_ID.test(query)) {
      const order = orderByAmazonId(ctx.db, query);
      return {
        matchedBy: 'amazon_order_id' as const,
        orders: visible(order).map((o) => orderDetail(ctx, o)),
      };
    }
    if (ORDER_ID_ATTEMPT.test(query)) {
      throw new AppError('INVALID_ORDER_ID', 'An Amazon order id looks like 123-1234567-1234567.', {
        query,
      });
    }
    if (RMA_NUMBER_PATTERN.test(query.toUpperCase())) {
      const order = orderByRmaNumber(ctx.db, query.toUpperCase());
      return {
        matchedBy: 'rma_number' as const,
        orders: visible(order).map((o) => orderDetail(ctx, o)),
      };
    }
    if (/^\d{4}$/.test(query)) {
      return {
        matchedBy: 'buyer_phone' as const,
        orders: ordersByPhoneLast4(ctx.db, query, marketplaces).map((o) => orderDetail(ctx, o)),
      };
    }
    if (query.includes('@')) {
      return {
        matchedBy: 'buyer_email' as const,
        orders: ordersByBuyerEmail(ctx.db, query, marketplaces).map((o) => orderDetail(ctx, o)),
      };
    }
    return {
      matchedBy: 'buyer_name' as const,
      orders: ordersByBuyerName(ctx.db, query, marketplaces).map((o) => orderDetail(ctx, o)),
    };
  },

  'orders.get': (ctx, { orderId }) => orderDetail(ctx, orderByIdOrThrow(ctx, orderId)),
} satisfies Partial<HandlerMap>;

export function orderByIdOrThrow(ctx: HandlerContext, orderId: string) {
  const order = orderById(ctx.db, orderId);
  if (!order || !counterMarketplaces(ctx).includes(order.marketplace)) {
    throw new AppError('NOT_FOUND', 'No such order at this counter.');
  }
  return order;
}
