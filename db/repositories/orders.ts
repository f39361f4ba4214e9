import { TAX_INCLUDED_MARKETPLACES } from '../../shared/domain/marketplaces';
import type { Db } from '../client';

/**
 * What the buyer paid for a line, in SQL. Where prices include tax (EU, UK, JP) Amazon's item
 * tax is the part already inside the price, so it is added only where they do not (US, CA).
 */
const LINE_TOTAL = `(l.unit_price_minor * l.quantity + l.shipping_minor - l.promotion_discount_minor
  + CASE WHEN o.marketplace IN (${TAX_INCLUDED_MARKETPLACES.map((m) => `'${m}'`).join(',')})
         THEN 0 ELSE l.item_tax_minor + l.shipping_tax_minor END)`;

export interface OrderSummaryRow {
  id: string;
  amazonOrderId: string;
  marketplace: string;
  currency: string;
  purchasedAt: string;
  deliveredAt: string | null;
  status: string;
  buyerName: string;
  lineCount: number;
  itemCount: number;
  totalMinor: number;
}

/**
 * Newest orders of the given marketplaces with their line totals. The total is summed from
 * the stored lines (DESIGN.md §4), as LINE_TOTAL says.
 */
export function recentOrders(db: Db, marketplaces: string[], limit: number): OrderSummaryRow[] {
  if (marketplaces.length === 0) return [];
  const placeholders = marketplaces.map(() => '?').join(',');
  return db.$client
    .prepare(
      `SELECT o.id, o.amazon_order_id AS amazonOrderId, o.marketplace, o.currency,
              o.purchased_at AS purchasedAt, o.delivered_at AS deliveredAt, o.status,
              o.buyer_name AS buyerName,
              count(l.id) AS lineCount, sum(l.quantity) AS itemCount,
              sum(${LINE_TOTAL}) AS totalMinor
         FROM (SELECT * FROM orders WHERE marketplace IN (${placeholders})
               ORDER BY purchased_at DESC LIMIT ?) o
         JOIN order_lines l ON l.order_id = o.id
        GROUP BY o.id
        ORDER BY o.purchased_at DESC`,
    )
    .all(...marketplaces, limit) as OrderSummaryRow[];
}

export interface CurrencyTotalsRow {
  currency: string;
  orders: number;
  grossMinor: number;
  taxMinor: number;
}

/** Gross sales and tax per currency of orders bought since `sinceIso` (cancelled left out). */
export function orderTotalsSince(db: Db, sinceIso: string): CurrencyTotalsRow[] {
  return db.$client
    .prepare(
      `SELECT o.currency, count(DISTINCT o.id) AS orders,
              sum(${LINE_TOTAL}) AS grossMinor,
              sum(l.item_tax_minor + l.shipping_tax_minor) AS taxMinor
         FROM orders o JOIN order_lines l ON l.order_id = o.id
        WHERE o.purchased_at >= ? AND o.status != 'Canceled'
        GROUP BY o.currency ORDER BY o.currency`,
    )
    .all(sinceIso) as CurrencyTotalsRow[];
}
