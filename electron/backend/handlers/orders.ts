import { AppError } from '../../../shared/contracts';
import { hasPermission } from '../../../shared/domain/permissions';
import type { Currency } from '../../../shared/domain/money';
import { regionById, storeById } from '../../../db/repositories/directory';
import { orderTotalsSince, recentOrders } from '../../../db/repositories/orders';
import type { HandlerMap } from '../context';
import { maskName } from '../returns/masking';

export const orderHandlers = {
  'orders.recent': (ctx, input) => {
    const { role } = ctx.requireUser();
    const store = storeById(ctx.db, input.storeId);
    const region = store && regionById(ctx.db, store.regionId);
    if (!store || !region) throw new AppError('NOT_FOUND', 'No such store.');
    const showNames = hasPermission(role, 'customers.personal');
    return recentOrders(ctx.db, JSON.parse(region.marketplaces) as string[], input.limit).map(
      (row) => ({
        id: row.id,
        amazonOrderId: row.amazonOrderId,
        marketplace: row.marketplace,
        purchasedAt: row.purchasedAt,
        deliveredAt: row.deliveredAt,
        status: row.status,
        buyerName: showNames ? row.buyerName : maskName(row.buyerName),
        lineCount: row.lineCount,
        itemCount: row.itemCount,
        total: { amountMinor: row.totalMinor, currency: row.currency as Currency },
      }),
    );
  },

  'finance.orderTotals': (ctx, input) => {
    const since = new Date(ctx.now() - input.days * 86_400_000).toISOString();
    return orderTotalsSince(ctx.db, since).map((row) => {
      const currency = row.currency as Currency;
      return {
        currency,
        orders: row.orders,
        gross: { amountMinor: row.grossMinor, currency },
        tax: { amountMinor: row.taxMinor, currency },
      };
    });
  },
} satisfies Partial<HandlerMap>;
