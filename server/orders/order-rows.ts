import type { RowToPublish } from '../sync/sync-rows';

/** Orders in the desktop's drizzle shape (db/schema/orders.ts), for the regions selling there. */

export interface OrderRecord {
  id: string;
  amazonOrderId: string;
  marketplace: string;
  marketplaceId: string;
  currency: string;
  purchasedAt: string;
  deliveredAt: string | null;
  status: string;
  fulfillment: string;
  buyerName: string;
  buyerEmail: string;
  buyerPhoneLast4: string;
  shipCity: string;
  shipPostalCode: string;
}

export interface OrderLineRecord {
  id: string;
  orderId: string;
  orderItemId: string;
  sku: string;
  asin: string;
  title: string;
  category: string;
  quantity: number;
  unitPriceMinor: number;
  itemTaxMinor: number;
  shippingMinor: number;
  shippingTaxMinor: number;
  promotionDiscountMinor: number;
  serialNumber: string | null;
}

/** `cachedAt` is when the back office last had the order from Amazon. */
export function orderRow(order: OrderRecord, cachedAt: Date): RowToPublish {
  return {
    table: 'orders',
    data: { ...order, cachedAt: cachedAt.toISOString() },
    audience: { marketplace: order.marketplace },
  };
}

export function orderLineRow(line: OrderLineRecord, marketplace: string): RowToPublish {
  return { table: 'orderLines', data: { ...line }, audience: { marketplace } };
}
