import type { Db } from '../client';
import { statement } from '../statements';

/** The columns of an order the counter shows. */
export interface OrderRow {
  id: string;
  amazonOrderId: string;
  marketplace: string;
  currency: string;
  purchasedAt: string;
  deliveredAt: string | null;
  status: string;
  buyerName: string;
  buyerEmail: string;
}

export interface OrderLineRow {
  id: string;
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
  /** Units already taken back (lines of returns not cancelled). */
  returnedQuantity: number;
  /** Requested or paid refunds for the line, except denied or rejected ones. */
  refundedMinor: number;
}

const ORDER_COLUMNS = `o.id, o.amazon_order_id AS amazonOrderId, o.marketplace, o.currency,
  o.purchased_at AS purchasedAt, o.delivered_at AS deliveredAt, o.status,
  o.buyer_name AS buyerName, o.buyer_email AS buyerEmail`;

const MAX_RESULTS = 20;

function inMarketplaces(marketplaces: readonly string[]): string {
  return marketplaces.map((m) => `'${m.replace(/'/g, "''")}'`).join(',');
}

export function orderById(db: Db, id: string): OrderRow | undefined {
  return statement(db.$client, `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.id = ?`).get(id) as
    OrderRow | undefined;
}

export function orderByAmazonId(db: Db, amazonOrderId: string): OrderRow | undefined {
  return statement(
    db.$client,
    `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.amazon_order_id = ?`,
  ).get(amazonOrderId) as OrderRow | undefined;
}

export function orderByRmaNumber(db: Db, rmaNumber: string): OrderRow | undefined {
  return statement(
    db.$client,
    `SELECT ${ORDER_COLUMNS} FROM returns r JOIN orders o ON o.id = r.order_id WHERE r.rma_number = ?`,
  ).get(rmaNumber) as OrderRow | undefined;
}

/** Buyer-name search: every word a prefix (FTS5), newest orders first. */
export function ordersByBuyerName(
  db: Db,
  name: string,
  marketplaces: readonly string[],
): OrderRow[] {
  const words = name
    .normalize('NFKC')
    .split(/\s+/)
    .map((w) => w.replace(/["*^:()]/g, ''))
    .filter(Boolean);
  if (words.length === 0 || marketplaces.length === 0) return [];
  const match = words.map((w) => `"${w}"*`).join(' ');
  return statement(
    db.$client,
    `SELECT ${ORDER_COLUMNS} FROM orders_search s JOIN orders o ON o.rowid = s.rowid
      WHERE orders_search MATCH ? AND o.marketplace IN (${inMarketplaces(marketplaces)})
      ORDER BY o.purchased_at DESC LIMIT ${MAX_RESULTS}`,
  ).all(match) as OrderRow[];
}

export function ordersByBuyerEmail(
  db: Db,
  email: string,
  marketplaces: readonly string[],
): OrderRow[] {
  if (marketplaces.length === 0) return [];
  return statement(
    db.$client,
    `SELECT ${ORDER_COLUMNS} FROM orders o
      WHERE o.buyer_email = ? COLLATE NOCASE AND o.marketplace IN (${inMarketplaces(marketplaces)})
      ORDER BY o.purchased_at DESC LIMIT ${MAX_RESULTS}`,
  ).all(email.trim()) as OrderRow[];
}

export function ordersByPhoneLast4(
  db: Db,
  last4: string,
  marketplaces: readonly string[],
): OrderRow[] {
  if (marketplaces.length === 0) return [];
  return statement(
    db.$client,
    `SELECT ${ORDER_COLUMNS} FROM orders o
      WHERE o.buyer_phone_last4 = ? AND o.marketplace IN (${inMarketplaces(marketplaces)})
      ORDER BY o.purchased_at DESC LIMIT ${MAX_RESULTS}`,
  ).all(last4) as OrderRow[];
}

export function orderLines(db: Db, orderId: string): OrderLineRow[] {
  return statement(
    db.$client,
    `SELECT l.id, l.order_item_id AS orderItemId, l.sku, l.asin, l.title, l.category, l.quantity,
            l.unit_price_minor AS unitPriceMinor, l.item_tax_minor AS itemTaxMinor,
            l.shipping_minor AS shippingMinor, l.shipping_tax_minor AS shippingTaxMinor,
            l.promotion_discount_minor AS promotionDiscountMinor, l.serial_number AS serialNumber,
            (SELECT coalesce(sum(rl.quantity), 0) FROM return_lines rl
              WHERE rl.order_line_id = l.id AND rl.state != 'cancelled') AS returnedQuantity,
            (SELECT coalesce(sum(rrl.total_minor), 0) FROM refund_request_lines rrl
               JOIN refund_requests rr ON rr.id = rrl.refund_request_id
              WHERE rrl.order_line_id = l.id AND rr.status NOT IN ('denied', 'rejected')) AS refundedMinor
       FROM order_lines l WHERE l.order_id = ?`,
    // Sorted here: SQLite's ORDER BY on this index doubled the query's time at a million orders.
  )
    .all(orderId)
    .sort((a, b) =>
      (a as OrderLineRow).orderItemId < (b as OrderLineRow).orderItemId ? -1 : 1,
    ) as OrderLineRow[];
}

export function returnsOfOrder(
  db: Db,
  orderId: string,
): { id: string; rmaNumber: string; status: string; createdAt: string }[] {
  return statement(
    db.$client,
    `SELECT id, rma_number AS rmaNumber, status, created_at AS createdAt FROM returns
      WHERE order_id = ? ORDER BY created_at`,
  ).all(orderId) as { id: string; rmaNumber: string; status: string; createdAt: string }[];
}
