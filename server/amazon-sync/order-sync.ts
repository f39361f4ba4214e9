import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { SpApiClient } from '../amazon/client';
import { decimalToMinor, isKnownCurrency } from '../amazon/client/amounts';
import type { SpApiOrder } from '../amazon/client/schemas';
import type { Db } from '../database/client';
import { amazonQuarantine, orderLines, orderPurges, orders } from '../database/schema';
import {
  orderLineRow,
  orderRow,
  type OrderLineRecord,
  type OrderRecord,
} from '../orders/order-rows';
import { publishRows, type RowToPublish } from '../sync/sync-rows';
import { withSyncWrite } from '../sync/write-lock';
import { CATALOGUE } from '../../shared/demo-data/catalogue';
import {
  MARKETPLACE_CODES,
  MARKETPLACES,
  marketplaceById,
  type MarketplaceCode,
} from '../../shared/domain/marketplaces';
import { readCursor, writeCursor } from './returns-ingest';

/**
 * Amazon orders into the back office's `orders`/`order_lines`, published to the desktops of the
 * regions selling in each marketplace (as the demo seed does).
 *
 * First run (no cursor): one bulk all-orders report (GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL)
 * covering `backfillDays`. An order we already hold is updated from its report rows (status); an
 * order new to us is fetched once with getOrder, because the report has no order item ids, buyer
 * or recipient (nor prices while pending). After that: searchOrders by lastUpdatedAfter,
 * page by page, the cursor (with the page token) written after every page so a restart resumes.
 *
 * Amazon adds enum values without notice: an unknown order status is stored as Amazon wrote it; a
 * missing optional field (buyer, address, a price breakdown) becomes '' / 0 / what we held. An
 * order we cannot read at all (a required field missing, an unknown marketplace) is quarantined
 * with the reason and the sync goes on. A buyer whose data was purged stays blank.
 */

export const ORDER_SYNC_JOB = 'orders';
const REPORT_TYPE = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL';
/** searchOrders wants lastUpdatedAfter in the past; a margin catches late writes at Amazon. */
const OVERLAP_MS = 10 * 60_000;

export interface OrderSyncCursor {
  phase: 'incremental';
  /** Where the next search starts (ISO). */
  lastUpdatedAfter: string;
  /** The page token of a search cut short, and the start it belongs to. */
  nextToken?: string | null;
  searchStartedAt?: string;
}

export interface OrderSyncOptions {
  db: Db;
  client: SpApiClient;
  /** Amazon's clock (the simulator's scaled one in tests). */
  now: () => number;
  marketplaces?: readonly MarketplaceCode[];
  backfillDays?: number;
  /** Polling of the report (tests and the simulator: short). */
  reportPoll?: { intervalMs?: number; timeoutMs?: number };
  log?: (message: string, details?: Record<string, unknown>) => void;
}

export interface OrderSyncSummary {
  phase: 'backfill' | 'incremental';
  seen: number;
  upserted: number;
  enriched: number;
  quarantined: number;
}

const STATUS_OF: Record<string, string> = {
  SHIPPED: 'Shipped',
  UNSHIPPED: 'Unshipped',
  PENDING: 'Pending',
  PENDING_AVAILABILITY: 'PendingAvailability',
  PARTIALLY_SHIPPED: 'PartiallyShipped',
  CANCELLED: 'Canceled',
  UNFULFILLABLE: 'Unfulfillable',
};
const REPORT_STATUS_OF: Record<string, string> = {
  Shipped: 'Shipped',
  Pending: 'Pending',
  Cancelled: 'Canceled',
  Canceled: 'Canceled',
  Unshipped: 'Unshipped',
};

const categoryBySku = new Map(CATALOGUE.map((c) => [c.sku, c.category]));

type HeldOrder = typeof orders.$inferSelect;
type HeldLine = typeof orderLines.$inferSelect;

export class OrderSync {
  private readonly marketplaceIds: string[];

  constructor(private readonly options: OrderSyncOptions) {
    this.marketplaceIds = (options.marketplaces ?? MARKETPLACE_CODES).map(
      (m) => MARKETPLACES[m].id,
    );
  }

  private iso(ms: number) {
    return new Date(ms).toISOString();
  }

  async runOnce(): Promise<OrderSyncSummary> {
    const { db } = this.options;
    const cursor = (await readCursor(db, ORDER_SYNC_JOB)) as OrderSyncCursor | null;
    try {
      return cursor ? await this.incremental(cursor) : await this.backfill();
    } catch (error) {
      const stored = (await readCursor(db, ORDER_SYNC_JOB)) ?? null;
      if (stored)
        await writeCursor(db, ORDER_SYNC_JOB, stored, new Date(this.options.now()), String(error));
      throw error;
    }
  }

  private async backfill(): Promise<OrderSyncSummary> {
    const startedAt = this.options.now();
    const report = await this.options.client.reports.requestFlatFileReport(
      {
        reportType: REPORT_TYPE,
        marketplaceIds: this.marketplaceIds,
        dataStartTime: this.iso(startedAt - (this.options.backfillDays ?? 120) * 86_400_000),
      },
      this.options.reportPoll,
    );
    const byOrder = new Map<string, Record<string, string>[]>();
    for (const row of report.rows) {
      const id = row['amazon-order-id']?.trim();
      if (!id) continue;
      const rows = byOrder.get(id) ?? [];
      rows.push(row);
      byOrder.set(id, rows);
    }
    const summary: OrderSyncSummary = {
      phase: 'backfill',
      seen: byOrder.size,
      upserted: 0,
      enriched: 0,
      quarantined: 0,
    };
    const ids = [...byOrder.keys()];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const held = await this.held(chunk);
      const toFetch: string[] = [];
      const statusOnly: SpApiOrder[] = [];
      for (const id of chunk) {
        const rows = byOrder.get(id)!;
        const mine = held.orders.get(id);
        // New to us: the report has no order item ids or buyer, so one getOrder.
        if (!mine) {
          toFetch.push(id);
          continue;
        }
        const reported = rows[0]!['order-status']?.trim() ?? '';
        const status = REPORT_STATUS_OF[reported];
        let nextStatus = status ?? (reported || mine.status);
        // The report says Pending for what the Orders API calls unshipped: no change.
        if (reported === 'Pending' && ['Unshipped', 'PendingAvailability'].includes(mine.status))
          nextStatus = mine.status;
        if (keptStatus(mine.status, nextStatus) !== mine.status) {
          statusOnly.push(reportOnlyOrder(mine, nextStatus));
        }
      }
      const fetched: SpApiOrder[] = [];
      for (const id of toFetch) {
        try {
          fetched.push(await this.options.client.orders.getOrder(id));
          summary.enriched++;
        } catch (error) {
          await this.quarantine(`getOrder ${id}: ${String(error)}`, { amazonOrderId: id });
          summary.quarantined++;
        }
      }
      const result = await this.upsert([...fetched, ...statusOnly], held);
      summary.upserted += result.upserted;
      summary.quarantined += result.quarantined;
    }
    await writeCursor(
      this.options.db,
      ORDER_SYNC_JOB,
      { phase: 'incremental', lastUpdatedAfter: this.iso(startedAt - OVERLAP_MS) },
      new Date(this.options.now()),
    );
    this.options.log?.('order back-fill done', { ...summary });
    return summary;
  }

  private async incremental(cursor: OrderSyncCursor): Promise<OrderSyncSummary> {
    const searchStartedAt = cursor.nextToken
      ? Date.parse(cursor.searchStartedAt ?? cursor.lastUpdatedAfter)
      : this.options.now();
    const summary: OrderSyncSummary = {
      phase: 'incremental',
      seen: 0,
      upserted: 0,
      enriched: 0,
      quarantined: 0,
    };
    const pages = this.options.client.orders.searchOrderPagesLenient(
      { marketplaceIds: this.marketplaceIds, lastUpdatedAfter: cursor.lastUpdatedAfter },
      cursor.nextToken ?? undefined,
    );
    for await (const page of pages) {
      summary.seen += page.orders.length + page.malformed.length;
      for (const bad of page.malformed) {
        await this.quarantine(bad.problem, bad.raw);
        summary.quarantined++;
      }
      const held = await this.held(page.orders.map((o) => o.orderId));
      const result = await this.upsert(page.orders, held);
      summary.upserted += result.upserted;
      summary.quarantined += result.quarantined;
      await writeCursor(
        this.options.db,
        ORDER_SYNC_JOB,
        page.nextToken
          ? {
              phase: 'incremental',
              lastUpdatedAfter: cursor.lastUpdatedAfter,
              nextToken: page.nextToken,
              searchStartedAt: this.iso(searchStartedAt),
            }
          : { phase: 'incremental', lastUpdatedAfter: this.iso(searchStartedAt - OVERLAP_MS) },
        new Date(this.options.now()),
      );
    }
    return summary;
  }

  private async held(amazonOrderIds: string[]) {
    const { db } = this.options;
    const found =
      amazonOrderIds.length === 0
        ? []
        : await db.select().from(orders).where(inArray(orders.amazonOrderId, amazonOrderIds));
    const lines =
      found.length === 0
        ? []
        : await db
            .select()
            .from(orderLines)
            .where(
              inArray(
                orderLines.orderId,
                found.map((o) => o.id),
              ),
            );
    const purged =
      found.length === 0
        ? []
        : await db
            .select({ orderId: orderPurges.orderId })
            .from(orderPurges)
            .where(
              inArray(
                orderPurges.orderId,
                found.map((o) => o.id),
              ),
            );
    const linesOf = new Map<string, HeldLine[]>();
    for (const l of lines) linesOf.set(l.orderId, [...(linesOf.get(l.orderId) ?? []), l]);
    return {
      orders: new Map(found.map((o) => [o.amazonOrderId, o])),
      linesOf,
      purged: new Set(purged.map((p) => p.orderId)),
    };
  }

  private async quarantine(reason: string, raw: unknown) {
    await this.options.db.insert(amazonQuarantine).values({
      source: 'orders',
      reason: reason.slice(0, 2000),
      raw: (raw ?? null) as object,
      createdAt: new Date(this.options.now()),
    });
  }

  /** Writes changed orders and lines and publishes them, one write-locked transaction. */
  private async upsert(
    amazonOrders: SpApiOrder[],
    held: Awaited<ReturnType<OrderSync['held']>>,
  ): Promise<{ upserted: number; quarantined: number }> {
    let quarantined = 0;
    const changed: { order: OrderRecord; lines: OrderLineRecord[]; isNew: boolean }[] = [];
    for (const amazon of amazonOrders) {
      const mine = held.orders.get(amazon.orderId);
      let mapped: { order: OrderRecord; lines: OrderLineRecord[] };
      try {
        mapped = toRecords(
          amazon,
          mine,
          mine ? (held.linesOf.get(mine.id) ?? []) : [],
          !!mine && held.purged.has(mine.id),
        );
      } catch (error) {
        await this.quarantine(
          `order ${amazon.orderId}: ${error instanceof Error ? error.message : String(error)}`,
          amazon,
        );
        quarantined++;
        continue;
      }
      const before = mine ? heldRecords(mine, held.linesOf.get(mine.id) ?? []) : null;
      if (before && stable(before) === stable(mapped)) continue;
      changed.push({ ...mapped, isNew: !mine });
    }
    if (changed.length === 0) return { upserted: 0, quarantined };
    const now = new Date(this.options.now());
    await withSyncWrite(this.options.db, async (tx) => {
      const rows: RowToPublish[] = [];
      for (const { order, lines } of changed) {
        await tx
          .insert(orders)
          .values({ ...order, fetchedAt: now })
          .onConflictDoUpdate({ target: orders.id, set: { ...order, fetchedAt: now } });
        for (const line of lines) {
          await tx
            .insert(orderLines)
            .values(line)
            .onConflictDoUpdate({ target: orderLines.id, set: line });
        }
        rows.push(orderRow(order, now));
        for (const line of lines) rows.push(orderLineRow(line, order.marketplace));
      }
      await publishRows(tx, rows, now);
    });
    return { upserted: changed.length, quarantined };
  }
}

/** Delivered stays delivered when Amazon only says shipped (its API has no delivery state). */
function keptStatus(current: string, next: string): string {
  if (current === 'Delivered' && next === 'Shipped') return current;
  return next;
}

/** JSON with sorted keys, to compare what we hold with what Amazon says. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

function heldRecords(order: HeldOrder, lines: HeldLine[]) {
  const { fetchedAt: _fetchedAt, ...record } = order;
  return {
    order: record as OrderRecord,
    lines: [...lines].sort((a, b) => a.orderItemId.localeCompare(b.orderItemId)),
  };
}

/** An order whose status alone changed in the report, in the API's shape for `toRecords`. */
function reportOnlyOrder(mine: HeldOrder, status: string): SpApiOrder & { reportStatus: string } {
  return {
    orderId: mine.amazonOrderId,
    createdTime: mine.purchasedAt,
    lastUpdatedTime: mine.purchasedAt,
    salesChannel: { channelName: 'AMAZON', marketplaceId: mine.marketplaceId },
    orderItems: [],
    reportStatus: status,
  };
}

function money(
  value: { amount: string; currencyCode: string } | undefined,
  currency: string,
): number {
  if (!value || !isKnownCurrency(currency)) return 0;
  return decimalToMinor(value.amount, currency);
}

/** Amazon's order → our records; what Amazon leaves out is defaulted or kept from what we held. */
export function toRecords(
  amazon: SpApiOrder & { reportStatus?: string },
  mine: HeldOrder | undefined,
  mineLines: HeldLine[],
  purged: boolean,
): { order: OrderRecord; lines: OrderLineRecord[] } {
  const marketplaceId = amazon.salesChannel.marketplaceId ?? mine?.marketplaceId ?? '';
  const marketplace = marketplaceById(marketplaceId);
  if (!marketplace) throw new Error(`unknown marketplace ${marketplaceId || '(none)'}`);
  const currency =
    amazon.proceeds?.grandTotal?.currencyCode ??
    amazon.orderItems.find((i) => i.product.price?.unitPrice)?.product.price?.unitPrice
      ?.currencyCode ??
    mine?.currency ??
    MARKETPLACES[marketplace].currency;
  const amazonStatus = amazon.reportStatus
    ? amazon.reportStatus
    : amazon.fulfillment
      ? (STATUS_OF[amazon.fulfillment.fulfillmentStatus] ?? amazon.fulfillment.fulfillmentStatus)
      : (mine?.status ?? 'Unknown');
  // Amazon gives no delivery time: a package DELIVERED marks the order delivered, as of the
  // order's last update (when Amazon recorded it), unless we knew the time already.
  const delivered =
    !amazon.reportStatus &&
    (amazon.packages ?? []).length > 0 &&
    (amazon.packages ?? []).every((p) => p.packageStatus?.status === 'DELIVERED');
  const status = delivered
    ? 'Delivered'
    : mine
      ? keptStatus(mine.status, amazonStatus)
      : amazonStatus;
  const fulfilledBy = amazon.fulfillment?.fulfilledBy;
  const address = amazon.recipient?.deliveryAddress;
  const order: OrderRecord = {
    id: mine?.id ?? randomUUID(),
    amazonOrderId: amazon.orderId,
    marketplace,
    marketplaceId,
    currency,
    purchasedAt: mine?.purchasedAt ?? new Date(amazon.createdTime).toISOString(),
    deliveredAt:
      mine?.deliveredAt ?? (delivered ? new Date(amazon.lastUpdatedTime).toISOString() : null),
    status,
    fulfillment:
      fulfilledBy === 'AMAZON'
        ? 'AFN'
        : fulfilledBy === 'MERCHANT'
          ? 'MFN'
          : (mine?.fulfillment ?? 'MFN'),
    buyerName: purged ? '' : (amazon.buyer?.buyerName ?? mine?.buyerName ?? ''),
    buyerEmail: purged ? '' : (amazon.buyer?.buyerEmail ?? mine?.buyerEmail ?? ''),
    buyerPhoneLast4: purged ? '' : (mine?.buyerPhoneLast4 ?? ''),
    shipCity: address?.city ?? mine?.shipCity ?? '',
    shipPostalCode: address?.postalCode ?? mine?.shipPostalCode ?? '',
  };
  if (amazon.reportStatus) {
    return {
      order,
      lines: [...mineLines].sort((a, b) => a.orderItemId.localeCompare(b.orderItemId)),
    };
  }
  const lines: OrderLineRecord[] = [];
  for (const item of amazon.orderItems) {
    if (item.quantityOrdered < 1) continue;
    const held = mineLines.find((l) => l.orderItemId === item.orderItemId);
    const breakdown = (type: string) => item.proceeds?.breakdowns?.find((b) => b.type === type);
    const tax = breakdown('TAX');
    const taxOf = (subtype: string) =>
      money(tax?.detailedBreakdowns?.find((d) => d.subtype === subtype)?.value, currency);
    const sku = item.product.sellerSku ?? held?.sku ?? '';
    lines.push({
      id: held?.id ?? randomUUID(),
      orderId: order.id,
      orderItemId: item.orderItemId,
      sku,
      asin: item.product.asin ?? held?.asin ?? '',
      title: item.product.title ?? held?.title ?? sku,
      category: held?.category ?? categoryBySku.get(sku) ?? 'home',
      quantity: item.quantityOrdered,
      unitPriceMinor: item.product.price?.unitPrice
        ? money(item.product.price.unitPrice, currency)
        : (held?.unitPriceMinor ?? 0),
      itemTaxMinor: tax ? taxOf('ITEM') : (held?.itemTaxMinor ?? 0),
      shippingMinor: breakdown('SHIPPING')
        ? money(breakdown('SHIPPING')!.subtotal, currency)
        : (held?.shippingMinor ?? 0),
      shippingTaxMinor: tax ? taxOf('SHIPPING') : (held?.shippingTaxMinor ?? 0),
      promotionDiscountMinor: breakdown('DISCOUNT')
        ? -money(breakdown('DISCOUNT')!.subtotal, currency)
        : (held?.promotionDiscountMinor ?? 0),
      serialNumber: item.product.serialNumbers?.[0] ?? held?.serialNumber ?? null,
    });
  }
  if (lines.length === 0 && mineLines.length === 0) throw new Error('order has no items');
  // Lines Amazon no longer lists are kept: returns may point at them.
  for (const l of mineLines) if (!lines.some((x) => x.id === l.id)) lines.push(l);
  return { order, lines: lines.sort((a, b) => a.orderItemId.localeCompare(b.orderItemId)) };
}
