import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { generateOrders } from '../../shared/demo-data';
import { DEMO_SECRETS } from '../../shared/demo-data';
import { createBackend, DATABASE_FILE } from '../../electron/backend/backend';
import type { Backend } from '../../electron/backend/types';
import { percentile, report, timeAsync, timeSync } from './stats';

const root = resolve(import.meta.dirname, '..', '..');
const migrationsDir = join(root, 'db', 'migrations');
const TARGET_ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
/** Built once and kept (git-ignored): a million orders take a minute to generate. */
const cacheDir = join(root, '.tmp', `bench-${TARGET_ORDERS}-orders`);

async function buildDatabase(): Promise<void> {
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  const seeded = await createBackend({ dataDir: cacheDir, migrationsDir, log: () => {} });
  seeded.close();
  const db = new Database(join(cacheDir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // bulk load only; the app itself runs with FULL
  const insertOrder = db.prepare(
    `INSERT INTO orders (id, amazon_order_id, marketplace, marketplace_id, currency, purchased_at, delivered_at, status,
       fulfillment, buyer_name, buyer_email, buyer_phone_last4, ship_city, ship_postal_code, cached_at)
     VALUES (@id, @amazonOrderId, @marketplace, @marketplaceId, @currency, @purchasedAt, @deliveredAt, @status,
       @fulfillment, @buyerName, @buyerEmail, @buyerPhoneLast4, @shipCity, @shipPostalCode, @purchasedAt)
     ON CONFLICT DO NOTHING`,
  );
  const insertLine = db.prepare(
    `INSERT INTO order_lines (id, order_id, order_item_id, sku, asin, title, category, quantity, unit_price_minor,
       item_tax_minor, shipping_minor, shipping_tax_minor, promotion_discount_minor, serial_number)
     VALUES (@id, @orderId, @orderItemId, @sku, @asin, @title, @category, @quantity, @unitPriceMinor,
       @itemTaxMinor, @shippingMinor, @shippingTaxMinor, @promotionDiscountMinor, @serialNumber)
     ON CONFLICT DO NOTHING`,
  );
  const batch = 20_000;
  const started = performance.now();
  for (let seed = 1; seed * batch <= TARGET_ORDERS; seed++) {
    const orders = generateOrders({
      seed: 7_000 + seed,
      count: batch,
      referenceTime: new Date('2026-11-21T00:00:00Z'),
    });
    db.transaction(() => {
      for (const order of orders) {
        if (insertOrder.run(order).changes === 0) continue;
        for (const line of order.lines) insertLine.run({ ...line, orderId: order.id });
      }
    })();
    process.stdout.write(
      `\r  building: ${(seed * batch).toLocaleString('en')} orders (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
  }
  db.pragma('optimize');
  db.close();
  process.stdout.write('\n');
}

/** With a million cached orders: find by order id, by RMA number, and by buyer name. */
export async function benchLookup(): Promise<void> {
  if (!existsSync(join(cacheDir, DATABASE_FILE))) await buildDatabase();
  const backend: Backend = await createBackend({ dataDir: cacheDir, migrationsDir, log: () => {} });
  const raw = new Database(join(cacheDir, DATABASE_FILE), { readonly: true });
  const count = (raw.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
  console.log(
    `\nOrder lookup with ${count.toLocaleString('en')} cached orders (budgets: id/RMA p99 within 3× raw; name p99 < 20 ms)`,
  );
  await backend.dispatch('bench', 'auth.signIn', {
    username: 'clerk.ny01',
    secret: DEMO_SECRETS.clerk,
  });

  const usIds = raw
    .prepare(
      "SELECT amazon_order_id AS id FROM orders WHERE marketplace IN ('US','CA') ORDER BY random() LIMIT 500",
    )
    .all() as { id: string }[];
  const byAmazonId = raw.prepare('SELECT * FROM orders WHERE amazon_order_id = ?');
  const linesOf = raw.prepare('SELECT * FROM order_lines WHERE order_id = ?');

  // Warm the pages of every order both sides will read, so both measure work, not disk reads.
  for (const { id } of usIds) linesOf.all((byAmazonId.get(id) as { id: string }).id);
  const ours: number[] = [];
  const base: number[] = [];
  const baseWithLines: number[] = [];
  for (const { id } of [...usIds, ...usIds]) {
    ours.push(await timeAsync(() => backend.dispatch('bench', 'orders.find', { query: id })));
    base.push(timeSync(() => byAmazonId.get(id)));
    baseWithLines.push(timeSync(() => linesOf.all((byAmazonId.get(id) as { id: string }).id)));
  }
  report('orders.find by Amazon order id', ours, base, 'raw indexed lookup of the order row');
  report(
    'orders.find by Amazon order id',
    ours,
    baseWithLines,
    'raw lookup of the order and its lines',
  );

  // RMA numbers: take some returns first (through the backend, as the counter does).
  const rmas: string[] = [];
  for (const { id } of usIds.slice(0, 200)) {
    const found = await backend.dispatch('bench', 'orders.find', { query: id });
    if (!found.ok) continue;
    const order = (
      found.data as {
        orders: {
          id: string;
          lines: { id: string; quantity: number; returnedQuantity: number }[];
        }[];
      }
    ).orders[0];
    const line = order?.lines.find((l) => l.quantity > l.returnedQuantity);
    if (!order || !line) continue;
    const created = await backend.dispatch('bench', 'returns.create', {
      id: randomUUID(),
      orderId: order.id,
      lines: [
        {
          id: randomUUID(),
          orderLineId: line.id,
          quantity: 1,
          reasonCode: 'DEFECTIVE',
          opened: false,
          damaged: false,
          missingParts: false,
        },
      ],
    });
    if (created.ok) rmas.push((created.data as { rmaNumber: string }).rmaNumber);
  }
  const writer = new Database(join(cacheDir, DATABASE_FILE), { readonly: true });
  const byRma = writer.prepare('SELECT * FROM returns WHERE rma_number = ?');
  const rmaOurs: number[] = [];
  const rmaBase: number[] = [];
  for (let i = 0; i < 4; i++) {
    for (const rma of rmas) {
      rmaOurs.push(await timeAsync(() => backend.dispatch('bench', 'orders.find', { query: rma })));
      rmaBase.push(timeSync(() => byRma.get(rma)));
    }
  }
  report(
    `orders.find by RMA number (${rmas.length})`,
    rmaOurs,
    rmaBase,
    'raw indexed lookup of the return row',
  );

  const names = (
    raw
      .prepare(
        "SELECT buyer_name AS name FROM orders WHERE marketplace = 'US' ORDER BY random() LIMIT 300",
      )
      .all() as { name: string }[]
  ).map((r) => r.name.split(' ').at(-1)!);
  const nameOurs: number[] = [];
  const nameBase: number[] = [];
  const ftsRaw = raw.prepare(
    'SELECT rowid FROM orders_search WHERE orders_search MATCH ? LIMIT 20',
  );
  for (const name of names) {
    nameOurs.push(await timeAsync(() => backend.dispatch('bench', 'orders.find', { query: name })));
    nameBase.push(timeSync(() => ftsRaw.all(`"${name}"*`)));
  }
  report('orders.find by buyer surname', nameOurs, nameBase, 'raw FTS match, 20 rows');
  console.log(`  buyer-name search p99: ${percentile(nameOurs, 99).toFixed(2)} ms (budget 20 ms)`);
  writer.close();
  raw.close();
  backend.close();
}
