import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Amazon orders as the back office holds them (demo data until the Amazon client fills them).
 * Server-owned: desktops pull them and never push them. Money in minor units.
 */
export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey(),
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
    fetchedAt: timestamp('fetched_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('orders_marketplace_purchased').on(t.marketplace, t.purchasedAt)],
);

const money = (name: string) => bigint(name, { mode: 'number' }).notNull();

export const orderLines = pgTable(
  'order_lines',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    orderItemId: text('order_item_id').notNull(),
    sku: text('sku').notNull(),
    asin: text('asin').notNull(),
    title: text('title').notNull(),
    category: text('category').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceMinor: money('unit_price_minor'),
    itemTaxMinor: money('item_tax_minor'),
    shippingMinor: money('shipping_minor'),
    shippingTaxMinor: money('shipping_tax_minor'),
    promotionDiscountMinor: money('promotion_discount_minor'),
    serialNumber: text('serial_number'),
  },
  (t) => [
    uniqueIndex('order_lines_item').on(t.orderId, t.orderItemId),
    check('order_lines_quantity', sql`${t.quantity} > 0`),
  ],
);
