import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';

export interface FixtureLine {
  sku: string;
  title: string;
  category: string;
  quantity: number;
  unitPriceMinor: number;
  itemTaxMinor: number;
  serialNumber?: string;
}

export interface FixtureOrder {
  amazonOrderId: string;
  marketplace: 'US' | 'DE';
  deliveredDaysAgo: number;
  buyerName: string;
  lines: FixtureLine[];
}

const MARKETPLACE = {
  US: { id: 'ATVPDKIKX0DER', currency: 'USD' },
  DE: { id: 'A1PA6795UKMFR9', currency: 'EUR' },
} as const;

/**
 * Orders the end-to-end tests own, written into the desktop's cache the way the back office's
 * sync will write them, so the tests do not depend on which demo orders today's seed made.
 */
export function insertFixtureOrders(
  dbFile: string,
  orders: FixtureOrder[],
  now = Date.now(),
): Record<string, string> {
  const db = new Database(dbFile);
  const ids: Record<string, string> = {};
  try {
    db.transaction(() => {
      for (const order of orders) {
        const id = randomUUID();
        ids[order.amazonOrderId] = id;
        const delivered = new Date(now - order.deliveredDaysAgo * 86_400_000);
        const purchased = new Date(delivered.getTime() - 3 * 86_400_000);
        const market = MARKETPLACE[order.marketplace];
        db.prepare(
          `INSERT INTO orders (id, amazon_order_id, marketplace, marketplace_id, currency, purchased_at, delivered_at,
             status, fulfillment, buyer_name, buyer_email, buyer_phone_last4, ship_city, ship_postal_code, cached_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'Delivered', 'MFN', ?, ?, '0042', 'Testville', '10001', ?)`,
        ).run(
          id,
          order.amazonOrderId,
          order.marketplace,
          market.id,
          market.currency,
          purchased.toISOString(),
          delivered.toISOString(),
          order.buyerName,
          `${order.amazonOrderId}@marketplace.amazon.com`,
          new Date(now).toISOString(),
        );
        order.lines.forEach((line, i) => {
          db.prepare(
            `INSERT INTO order_lines (id, order_id, order_item_id, sku, asin, title, category, quantity, unit_price_minor,
               item_tax_minor, shipping_minor, shipping_tax_minor, promotion_discount_minor, serial_number)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)`,
          ).run(
            randomUUID(),
            id,
            `${order.amazonOrderId.replace(/-/g, '')}${i}`,
            line.sku,
            `B0TEST${String(i).padStart(4, '0')}`,
            line.title,
            line.category,
            line.quantity,
            line.unitPriceMinor,
            line.itemTaxMinor,
            line.serialNumber ?? null,
          );
        });
      }
    })();
  } finally {
    db.close();
  }
  return ids;
}
