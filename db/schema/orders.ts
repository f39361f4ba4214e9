import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Local cache of Amazon orders (demo data until the back office syncs real ones). Buyer
 * fields are the minimum the counter needs to find an order; all money in minor units.
 */
export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    amazonOrderId: text('amazon_order_id').notNull().unique(),
    marketplace: text('marketplace').notNull(),
    marketplaceId: text('marketplace_id').notNull(),
    currency: text('currency').notNull(),
    purchasedAt: text('purchased_at').notNull(),
    deliveredAt: text('delivered_at'),
    status: text('status').notNull(),
    fulfillment: text('fulfillment').notNull(),
    buyerName: text('buyer_name').notNull(),
    buyerEmail: text('buyer_email').notNull(),
    buyerPhoneLast4: text('buyer_phone_last4').notNull(),
    shipCity: text('ship_city').notNull(),
    shipPostalCode: text('ship_postal_code').notNull(),
    cachedAt: text('cached_at').notNull(),
  },
  (t) => [
    index('orders_marketplace_purchased').on(t.marketplace, t.purchasedAt),
    // Finding an order by what the buyer can tell the clerk (buyer names: FTS, migration 0004).
    index('orders_buyer_email').on(t.buyerEmail),
    index('orders_buyer_phone').on(t.buyerPhoneLast4),
  ],
);

export const orderLines = sqliteTable(
  'order_lines',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    orderItemId: text('order_item_id').notNull(),
    sku: text('sku').notNull(),
    asin: text('asin').notNull(),
    title: text('title').notNull(),
    category: text('category').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceMinor: integer('unit_price_minor').notNull(),
    itemTaxMinor: integer('item_tax_minor').notNull(),
    shippingMinor: integer('shipping_minor').notNull(),
    shippingTaxMinor: integer('shipping_tax_minor').notNull(),
    promotionDiscountMinor: integer('promotion_discount_minor').notNull(),
    serialNumber: text('serial_number'),
  },
  (t) => [
    uniqueIndex('order_lines_item').on(t.orderId, t.orderItemId),
    check('order_lines_quantity', sql`${t.quantity} > 0`),
    check(
      'order_lines_money',
      sql`${t.unitPriceMinor} >= 0 and ${t.itemTaxMinor} >= 0 and ${t.shippingMinor} >= 0 and ${t.shippingTaxMinor} >= 0 and ${t.promotionDiscountMinor} >= 0`,
    ),
  ],
);

/**
 * What Amazon refunded of an order line by itself (not through a refund of ours), as the back
 * office last learnt it: pulled only. A refund asked for such a line needs a person to look.
 */
export const amazonRefunds = sqliteTable('amazon_refunds', {
  /** The order line's id. */
  id: text('id').primaryKey(),
  orderId: text('order_id').notNull(),
  currency: text('currency').notNull(),
  refundedMinor: integer('refunded_minor').notNull(),
  updatedAt: text('updated_at').notNull(),
});
