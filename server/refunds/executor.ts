import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Currency } from '../../shared/domain/money';
import {
  ORDER_ADJUSTMENT_FEED_TYPE,
  SpApiError,
  SpApiTransportError,
  buildOrderAdjustmentFeed,
  parseProcessingReport,
  type RefundAdjustment,
  type RefundItemOutcome,
  type RefundedLine,
  type SpApiClient,
} from '../amazon/client';
import { queryRows, type Db } from '../database/client';
import {
  orderLines,
  orders,
  refundAttempts,
  refundExecutions,
  refundFeeds,
  refundRequests,
} from '../database/schema';
import { flagForReview } from '../sync/review-flags';
import type { RefundRequestLineRow, RefundRequestRow } from '../sync/row-schemas';
import { publishRow, readRow } from '../sync/sync-rows';
import { withSyncWrite } from '../sync/write-lock';

/**
 * The refund executor (DESIGN.md §7). Each cycle:
 * 1. reconciles what is at Amazon or might be: feeds with an id are read (getFeed → processing
 *    report); feeds whose createFeed answer was lost are looked for with getFeeds before any
 *    retry; attempts a dead worker left before createFeed are known never to have left;
 * 2. claims executable requests (approved, approval confirmed) with a lease
 *    (`FOR UPDATE SKIP LOCKED`), guards every one against paying more than was paid (ours
 *    past approved + Amazon's own refunds from its financial events), and submits one Order
 *    Adjustment feed per marketplace, recording each phase before and after its network call.
 *
 * The request's status on desktops: `submitted` from the moment it is committed to a feed (a
 * denial can no longer beat it), then `refunded` (with Amazon's adjustment id once its
 * financial events show it) or `rejected` (Amazon's message, or the guard's reason).
 */

export interface RefundExecutorOptions {
  db: Db;
  client: SpApiClient;
  /** The seller (MerchantIdentifier of the feed). */
  merchantId: string;
  /** Amazon's time as our client sees it (scaled in the simulator). */
  now: () => number;
  workerId?: string;
  /** A claim's lease, until "submitting" is recorded. Default 5 min. */
  leaseMs?: number;
  /** A createFeed with no known outcome and no feed in getFeeds this long after: not created. */
  notCreatedAfterMs?: number;
  /** Financial events may lag 48 h; past that, a person decides. */
  reviewAfterMs?: number;
  /** Retries of an item Amazon refused for a reason that may pass (not the request's fault). */
  maxAttempts?: number;
  /** At most this many requests per feed. */
  batchLimit?: number;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

export interface CycleSummary {
  claimed: number;
  submittedFeeds: number;
  refused: number;
  refunded: number;
  rejected: number;
  retried: number;
  unknown: number;
  review: number;
}

type Components = { Principal: number; Tax: number; Shipping: number; ShippingTax: number };
const COMPONENT_KEYS = ['Principal', 'Tax', 'Shipping', 'ShippingTax'] as const;
const zero = (): Components => ({ Principal: 0, Tax: 0, Shipping: 0, ShippingTax: 0 });

/** Amazon's codes that say the request itself cannot be paid (no retry helps). */
const PERMANENT_CODES = new Set(['18010', '18004', '18006', '8026']);
/** "Already processed": an earlier attempt of ours was applied. */
const DUPLICATE_CODE = '18028';

function componentsOf(line: RefundRequestLineRow): Components {
  return {
    Principal: line.itemMinor,
    Tax: line.itemTaxMinor,
    Shipping: line.shippingMinor,
    ShippingTax: line.shippingTaxMinor,
  };
}

interface RequestForFeed {
  request: RefundRequestRow;
  lines: RefundRequestLineRow[];
  amazonOrderId: string;
  marketplaceId: string;
  /** orderLineId → Amazon's OrderItemId and what the buyer paid per component. */
  orderLines: Map<string, { orderItemId: string; paid: Components }>;
}

/** MerchantAdjustmentItemID: the request id (its n-th line after the first: `<id>/<n>`). */
export function adjustmentItemId(requestId: string, lineIndex: number): string {
  return lineIndex === 0 ? requestId : `${requestId}/${lineIndex + 1}`;
}
export function requestIdOfItem(itemId: string): string {
  return itemId.split('/')[0]!;
}

export class RefundExecutor {
  readonly workerId: string;
  private readonly leaseMs: number;
  private readonly notCreatedAfterMs: number;
  private readonly reviewAfterMs: number;
  private readonly maxAttempts: number;
  private readonly batchLimit: number;
  private readonly log: NonNullable<RefundExecutorOptions['log']>;

  constructor(private readonly options: RefundExecutorOptions) {
    this.workerId = options.workerId ?? `executor-${randomUUID()}`;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.notCreatedAfterMs = options.notCreatedAfterMs ?? 5 * 60_000;
    this.reviewAfterMs = options.reviewAfterMs ?? 48 * 3_600_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.batchLimit = options.batchLimit ?? 2_000;
    this.log = options.log ?? (() => {});
  }

  private get db(): Db {
    return this.options.db;
  }
  private nowDate(): Date {
    return new Date(this.options.now());
  }

  /**
   * On PGlite one process holds the database: whatever leases it finds are a dead process's.
   * (On PostgreSQL leases simply expire.)
   */
  async releaseAllLeases(): Promise<void> {
    await this.db
      .update(refundExecutions)
      .set({ leaseOwner: null, leaseUntil: null })
      .where(sql`${refundExecutions.leaseOwner} is not null`);
  }

  async runCycle(): Promise<CycleSummary> {
    const summary: CycleSummary = {
      claimed: 0,
      submittedFeeds: 0,
      refused: 0,
      refunded: 0,
      rejected: 0,
      retried: 0,
      unknown: 0,
      review: 0,
    };
    await this.reconcile(summary);
    await this.submitExecutable(summary);
    return summary;
  }

  // ---- 1. reconcile -----------------------------------------------------------------------

  private async reconcile(summary: CycleSummary): Promise<void> {
    const now = this.options.now();
    // Attempts a dead worker left before any feed row: createFeed needs that row first, so
    // nothing left for Amazon. Known, not guessed: they go back to the queue.
    const orphans = await queryRows<{ id: string; refund_request_id: string }>(
      this.db,
      sql`select a.id, a.refund_request_id from refund_attempts a
          join refund_executions e on e.refund_request_id = a.refund_request_id
          where a.phase = 'claimed' and (e.lease_until is null or e.lease_until < ${new Date(now)})`,
    );
    for (const orphan of orphans) {
      await this.db.transaction(async (tx) => {
        await tx
          .update(refundAttempts)
          .set({ phase: 'not_sent', updatedAt: new Date(now) })
          .where(eq(refundAttempts.id, orphan.id));
        await tx
          .update(refundExecutions)
          .set({ state: 'queued', leaseOwner: null, leaseUntil: null, updatedAt: new Date(now) })
          .where(eq(refundExecutions.refundRequestId, orphan.refund_request_id));
      });
      summary.retried++;
    }

    const open = await this.db
      .select()
      .from(refundFeeds)
      .where(inArray(refundFeeds.phase, ['submitting', 'unknown', 'submitted']));
    for (const feed of open) {
      try {
        if (feed.feedId) await this.readFeed(feed, summary);
        else await this.findLostFeed(feed, summary);
      } catch (error) {
        this.log('could not reconcile a refund feed yet', {
          feed: feed.id,
          error: String(error),
        });
      }
    }
    await this.linkAdjustmentIds();
  }

  /** A feed whose id we know: its processing report says what happened to each refund. */
  private async readFeed(feed: typeof refundFeeds.$inferSelect, summary: CycleSummary) {
    const amazonFeed = await this.options.client.feeds.getFeed(feed.feedId!);
    const status = amazonFeed.processingStatus;
    if (status === 'IN_QUEUE' || status === 'IN_PROGRESS') {
      if (this.options.now() - feed.submittingAt.getTime() > this.reviewAfterMs) {
        await this.toReview(feed, `feed ${feed.feedId} still ${status} after 48 h`, summary);
      }
      return;
    }
    if (status === 'CANCELLED' || status === 'FATAL' || !amazonFeed.resultFeedDocumentId) {
      // Nothing of a FATAL or cancelled feed was applied: its report says why; try again.
      let why = `feed ${status}`;
      if (amazonFeed.resultFeedDocumentId) {
        try {
          const doc = await this.options.client.feeds.getFeedDocument(
            amazonFeed.resultFeedDocumentId,
          );
          const xml = await this.options.client.feeds.downloadFeedDocument(doc);
          const parsed = parseProcessingReport(xml, { messages: feed.messages });
          why = parsed.items[0]?.messages[0]?.description ?? why;
        } catch {
          // The report is only the reason; the status is what counts.
        }
      }
      await this.finishFeed(feed, 'failed', why, async (tx, ids) => {
        for (const id of ids) await this.retryOrReject(tx, id, why, summary);
      });
      return;
    }
    const doc = await this.options.client.feeds.getFeedDocument(amazonFeed.resultFeedDocumentId);
    const xml = await this.options.client.feeds.downloadFeedDocument(doc);
    const parsed = parseProcessingReport(xml, { messages: feed.messages });
    const byRequest = new Map<string, RefundItemOutcome[]>();
    for (const item of parsed.items) {
      const id = requestIdOfItem(item.refundRequestId);
      byRequest.set(id, [...(byRequest.get(id) ?? []), item]);
    }
    await this.finishFeed(feed, 'done', null, async (tx, ids) => {
      for (const id of ids) {
        const items = byRequest.get(id) ?? [];
        const rejected = items.filter((i) => i.outcome === 'rejected');
        if (items.length > 0 && rejected.length === 0) {
          await this.settle(tx, id, 'refunded', null, summary);
        } else if (rejected.length === items.length && items.length > 0) {
          const messages = rejected.flatMap((i) => i.messages);
          if (messages.length > 0 && messages.every((m) => m.code === DUPLICATE_CODE)) {
            // An earlier attempt of ours was applied: it is refunded, once.
            await this.settle(tx, id, 'refunded', null, summary);
            continue;
          }
          const text = messages.map((m) => `${m.code}: ${m.description}`).join('; ');
          if (messages.some((m) => PERMANENT_CODES.has(m.code))) {
            await this.settle(tx, id, 'rejected', `Amazon: ${text}`, summary);
          } else {
            await this.retryOrReject(tx, id, `Amazon: ${text}`, summary);
          }
        } else {
          await this.markReview(
            tx,
            id,
            'Amazon applied part of this refund and refused the rest.',
            summary,
          );
        }
      }
    });
  }

  /**
   * createFeed's answer was lost (timeout, 5xx, a crash): the feeds Amazon has for that
   * marketplace around that time, not already ours, are looked for. One found → it is ours
   * (we are the only submitter of this seller's adjustment feeds, one per marketplace per cycle)
   * and its report decides. None, long enough after → Amazon never made it → the refunds go
   * back to the queue (and the guard and Amazon's duplicate check still stand before them).
   */
  private async findLostFeed(feed: typeof refundFeeds.$inferSelect, summary: CycleSummary) {
    const now = this.options.now();
    const since = feed.submittingAt.getTime();
    // Another worker may be inside createFeed right now: leave fresh ones alone.
    if (feed.phase === 'submitting' && now - since < 60_000) return;
    const laterSameMarket = (
      await this.db
        .select({ at: refundFeeds.submittingAt })
        .from(refundFeeds)
        .where(
          and(
            eq(refundFeeds.marketplaceId, feed.marketplaceId),
            sql`${refundFeeds.submittingAt} > ${feed.submittingAt}`,
          ),
        )
    )
      .map((r) => r.at.getTime())
      .sort((a, b) => a - b)[0];
    const until = Math.min(now, laterSameMarket ?? now);
    const candidates = await this.options.client.feeds.getFeeds({
      feedTypes: [ORDER_ADJUSTMENT_FEED_TYPE],
      marketplaceIds: [feed.marketplaceId],
      createdSince: new Date(since - 60_000).toISOString(),
      createdUntil: new Date(until).toISOString(),
    });
    const known = new Set(
      (
        await this.db
          .select({ feedId: refundFeeds.feedId })
          .from(refundFeeds)
          .where(sql`${refundFeeds.feedId} is not null`)
      ).map((r) => r.feedId),
    );
    const ours = candidates
      .filter((c) => !known.has(c.feedId) && Date.parse(c.createdTime) >= since - 1_000)
      .sort((a, b) => Date.parse(a.createdTime) - Date.parse(b.createdTime))[0];
    if (ours) {
      await this.db
        .update(refundFeeds)
        .set({ feedId: ours.feedId, phase: 'submitted', submittedAt: new Date(now) })
        .where(eq(refundFeeds.id, feed.id));
      await this.db
        .update(refundAttempts)
        .set({ phase: 'submitted', updatedAt: new Date(now) })
        .where(eq(refundAttempts.feedRowId, feed.id));
      this.log('found the feed whose createFeed answer was lost', {
        feed: feed.id,
        feedId: ours.feedId,
      });
      await this.readFeed({ ...feed, feedId: ours.feedId, phase: 'submitted' }, summary);
      return;
    }
    if (now - since < this.notCreatedAfterMs) return;
    await this.finishFeed(
      feed,
      'not_created',
      'Amazon has no such feed',
      async (tx, ids) => {
        for (const id of ids) {
          await tx
            .update(refundExecutions)
            .set({ state: 'queued', leaseOwner: null, leaseUntil: null, updatedAt: new Date(now) })
            .where(eq(refundExecutions.refundRequestId, id));
          summary.retried++;
        }
      },
      'not_sent',
    );
  }

  private async finishFeed(
    feed: typeof refundFeeds.$inferSelect,
    phase: 'done' | 'failed' | 'not_created',
    error: string | null,
    each: (tx: Db, requestIds: string[]) => Promise<void>,
    attemptPhase: 'done' | 'not_sent' = 'done',
  ) {
    const now = this.nowDate();
    await withSyncWrite(this.db, async (tx) => {
      const [current] = await tx
        .select({ phase: refundFeeds.phase })
        .from(refundFeeds)
        .where(eq(refundFeeds.id, feed.id))
        .for('update');
      if (!current || !['submitting', 'unknown', 'submitted'].includes(current.phase)) return;
      await tx
        .update(refundFeeds)
        .set({ phase, error, finishedAt: now })
        .where(eq(refundFeeds.id, feed.id));
      await tx
        .update(refundAttempts)
        .set({ phase: attemptPhase, updatedAt: now })
        .where(eq(refundAttempts.feedRowId, feed.id));
      await each(tx, requestIdsOf(feed));
    });
  }

  private async toReview(
    feed: typeof refundFeeds.$inferSelect,
    why: string,
    summary: CycleSummary,
  ) {
    await withSyncWrite(this.db, async (tx) => {
      await tx
        .update(refundFeeds)
        .set({ phase: 'review', error: why })
        .where(eq(refundFeeds.id, feed.id));
      for (const id of requestIdsOf(feed)) {
        await this.markReview(tx, id, why, summary);
      }
    });
  }

  private async markReview(tx: Db, requestId: string, why: string, summary: CycleSummary) {
    const now = this.nowDate();
    await tx
      .update(refundExecutions)
      .set({ state: 'review', message: why, leaseOwner: null, leaseUntil: null, updatedAt: now })
      .where(eq(refundExecutions.refundRequestId, requestId));
    await flagForReview(tx, {
      kind: 'refund_outcome_unknown',
      deviceId: null,
      tableName: 'refundRequests',
      rowKey: requestId,
      details: { reason: why },
      now,
    });
    summary.review++;
  }

  private async retryOrReject(tx: Db, requestId: string, why: string, summary: CycleSummary) {
    const [execution] = await tx
      .select()
      .from(refundExecutions)
      .where(eq(refundExecutions.refundRequestId, requestId));
    if ((execution?.attempts ?? 0) >= this.maxAttempts) {
      await this.settle(tx, requestId, 'rejected', why, summary);
      return;
    }
    await tx
      .update(refundExecutions)
      .set({
        state: 'queued',
        message: why,
        leaseOwner: null,
        leaseUntil: null,
        updatedAt: this.nowDate(),
      })
      .where(eq(refundExecutions.refundRequestId, requestId));
    summary.retried++;
  }

  /** The end of a request: its status on every desktop of its store. Call under the write lock. */
  private async settle(
    tx: Db,
    requestId: string,
    outcome: 'refunded' | 'rejected',
    message: string | null,
    summary: CycleSummary,
  ) {
    const now = this.nowDate();
    await tx
      .insert(refundExecutions)
      .values({ refundRequestId: requestId, state: outcome, message, updatedAt: now })
      .onConflictDoUpdate({
        target: refundExecutions.refundRequestId,
        set: { state: outcome, message, leaseOwner: null, leaseUntil: null, updatedAt: now },
      });
    await tx
      .update(refundRequests)
      .set({ status: outcome })
      .where(eq(refundRequests.id, requestId));
    await this.publishStatus(tx, requestId, {
      status: outcome,
      ...(outcome === 'rejected' ? { rejectionReason: message } : {}),
    });
    if (outcome === 'refunded') summary.refunded++;
    else summary.rejected++;
  }

  private async publishStatus(tx: Db, requestId: string, fields: Record<string, unknown>) {
    const stored = await readRow(tx, 'refundRequests', requestId);
    if (!stored) return;
    const data = stored.data as RefundRequestRow;
    await publishRow(
      tx,
      {
        table: 'refundRequests',
        data: { ...data, ...fields },
        audience: { storeId: data.storeId },
      },
      new Date(),
    );
  }

  /**
   * Refunded requests learn Amazon's adjustment id from the order's financial events (which may
   * lag): matched by order item and amounts, each event to one request.
   */
  private async linkAdjustmentIds(): Promise<void> {
    const pending = await queryRows<{ refund_request_id: string; order_id: string }>(
      this.db,
      sql`select e.refund_request_id, r.order_id from refund_executions e
          join refund_requests r on r.id = e.refund_request_id
          where e.state = 'refunded' and e.amazon_adjustment_id is null
          order by e.updated_at limit 20`,
    );
    const ordersSeen = new Set<string>();
    for (const p of pending) {
      if (ordersSeen.has(p.order_id)) continue;
      ordersSeen.add(p.order_id);
      try {
        const [order] = await this.db
          .select({ amazonOrderId: orders.amazonOrderId })
          .from(orders)
          .where(eq(orders.id, p.order_id));
        if (!order) continue;
        const events = await this.options.client.finances.refundedLines(order.amazonOrderId);
        await this.linkEvents(p.order_id, events);
      } catch (error) {
        this.log('financial events not readable yet', { error: String(error) });
      }
    }
  }

  /** Links events to our submitted/refunded requests; returns the events that are Amazon's own. */
  private async linkEvents(orderId: string, events: RefundedLine[]): Promise<RefundedLine[]> {
    return withSyncWrite(this.db, async (tx) => {
      const ours = await this.ourRequestsOfOrder(tx, orderId);
      const linked = new Set(ours.map((o) => o.adjustmentId).filter((x): x is string => !!x));
      const own: RefundedLine[] = [];
      for (const event of events) {
        if (event.orderAdjustmentItemId && linked.has(event.orderAdjustmentItemId)) continue;
        const refunded = refundOf(event);
        const match = ours.find(
          (o) =>
            !o.adjustmentId &&
            o.lines.length === 1 &&
            o.lines[0]!.orderItemId === event.orderItemId &&
            COMPONENT_KEYS.every((k) => o.lines[0]!.components[k] === refunded[k]),
        );
        if (match && event.orderAdjustmentItemId) {
          match.adjustmentId = event.orderAdjustmentItemId;
          await tx
            .update(refundExecutions)
            .set({ amazonAdjustmentId: event.orderAdjustmentItemId })
            .where(eq(refundExecutions.refundRequestId, match.id));
          if (match.status === 'refunded') {
            await this.publishStatus(tx, match.id, {
              amazonAdjustmentId: event.orderAdjustmentItemId,
            });
          }
        } else if (!match) {
          own.push(event);
        }
      }
      return own;
    });
  }

  private async ourRequestsOfOrder(tx: Db, orderId: string) {
    const rows = await queryRows<{
      id: string;
      status: string;
      adjustment_id: string | null;
    }>(
      tx,
      sql`select r.id, r.status, e.amazon_adjustment_id as adjustment_id from refund_requests r
          left join refund_executions e on e.refund_request_id = r.id
          where r.order_id = ${orderId} and r.status in ('submitted', 'refunded')`,
    );
    const result: {
      id: string;
      status: string;
      adjustmentId: string | null;
      lines: { orderLineId: string; orderItemId: string; components: Components }[];
    }[] = [];
    for (const row of rows) {
      const lines = await this.requestLines(tx, row.id);
      const items = await this.orderItemIds(
        tx,
        lines.map((l) => l.orderLineId),
      );
      result.push({
        id: row.id,
        status: row.status,
        adjustmentId: row.adjustment_id,
        lines: lines.map((l) => ({
          orderLineId: l.orderLineId,
          orderItemId: items.get(l.orderLineId) ?? '',
          components: componentsOf(l),
        })),
      });
    }
    return result;
  }

  private async requestLines(tx: Db, requestId: string): Promise<RefundRequestLineRow[]> {
    const rows = await queryRows<{ data: RefundRequestLineRow }>(
      tx,
      sql`select s.data from sync_rows s join refund_request_lines l on s.row_key = l.id::text
          where s.table_name = 'refundRequestLines' and l.refund_request_id = ${requestId}
          order by l.id`,
    );
    return rows.map((r) => r.data);
  }

  private async orderItemIds(tx: Db, orderLineIds: string[]): Promise<Map<string, string>> {
    if (orderLineIds.length === 0) return new Map();
    const rows = await tx
      .select({ id: orderLines.id, orderItemId: orderLines.orderItemId })
      .from(orderLines)
      .where(inArray(orderLines.id, orderLineIds));
    return new Map(rows.map((r) => [r.id, r.orderItemId]));
  }

  // ---- 2. claim, guard, submit -----------------------------------------------------------

  /**
   * Approved requests whose live approval the back office confirmed (refunds/executable.ts),
   * plus ours queued for another attempt, leased to this worker. `FOR UPDATE SKIP LOCKED`: two
   * workers on PostgreSQL never take the same request; PGlite runs the same SQL.
   */
  async claim(): Promise<string[]> {
    const now = this.nowDate();
    const until = new Date(now.getTime() + this.leaseMs);
    return this.db.transaction(async (tx) => {
      const rows = await queryRows<{ id: string }>(
        tx,
        sql`select r.id from refund_requests r
            left join refund_executions e on e.refund_request_id = r.id
            where (
              (e.refund_request_id is null and r.status = 'approved' and exists (
                select 1 from approvals a where a.refund_request_id = r.id and a.beaten_at is null
                  and a.decision = 'approved' and a.confirmed_at is not null))
              or (e.state = 'queued' and r.status in ('approved', 'submitted'))
            ) and (e.lease_until is null or e.lease_until < ${now})
            order by r.id
            limit ${this.batchLimit}
            for update of r skip locked`,
      );
      for (const { id } of rows) {
        await tx
          .insert(refundExecutions)
          .values({
            refundRequestId: id,
            state: 'queued',
            leaseOwner: this.workerId,
            leaseUntil: until,
            updatedAt: now,
          })
          .onConflictDoUpdate({
            target: refundExecutions.refundRequestId,
            set: { leaseOwner: this.workerId, leaseUntil: until, updatedAt: now },
          });
      }
      return rows.map((r) => r.id);
    });
  }

  private async loadForFeed(ids: string[]): Promise<RequestForFeed[]> {
    const result: RequestForFeed[] = [];
    for (const id of ids) {
      const stored = await readRow(this.db, 'refundRequests', id);
      if (!stored) continue;
      const request = stored.data as RefundRequestRow;
      const lines = await this.requestLines(this.db, id);
      const [order] = await this.db
        .select({ amazonOrderId: orders.amazonOrderId, marketplaceId: orders.marketplaceId })
        .from(orders)
        .where(eq(orders.id, request.orderId));
      if (!order || lines.length === 0) continue;
      const paidLines = await this.db
        .select()
        .from(orderLines)
        .where(
          inArray(
            orderLines.id,
            lines.map((l) => l.orderLineId),
          ),
        );
      result.push({
        request,
        lines,
        amazonOrderId: order.amazonOrderId,
        marketplaceId: order.marketplaceId,
        orderLines: new Map(
          paidLines.map((l) => [
            l.id,
            {
              orderItemId: l.orderItemId,
              paid: {
                Principal: l.unitPriceMinor * l.quantity - l.promotionDiscountMinor,
                Tax: l.itemTaxMinor,
                Shipping: l.shippingMinor,
                ShippingTax: l.shippingTaxMinor,
              },
            },
          ]),
        ),
      });
    }
    return result;
  }

  /**
   * DESIGN.md §7.4, before every submission: per order line and component, what our other
   * requests past approved (submitted or refunded) take, plus what Amazon refunded on its own
   * (its financial events not matched to one of ours), plus this request, never above what
   * the buyer paid. Returns the reason when it would be.
   */
  async guard(
    item: RequestForFeed,
    amazonOwn: RefundedLine[],
    acceptedThisCycle: RequestForFeed[] = [],
  ): Promise<string | null> {
    const others = (await this.ourRequestsOfOrder(this.db, item.request.orderId)).filter(
      (o) => o.id !== item.request.id,
    );
    for (const other of acceptedThisCycle) {
      if (other.request.orderId !== item.request.orderId || other.request.id === item.request.id)
        continue;
      if (others.some((o) => o.id === other.request.id)) continue;
      others.push({
        id: other.request.id,
        status: 'submitted',
        adjustmentId: null,
        lines: other.lines.map((l) => ({
          orderLineId: l.orderLineId,
          orderItemId: other.orderLines.get(l.orderLineId)?.orderItemId ?? '',
          components: componentsOf(l),
        })),
      });
    }
    for (const line of item.lines) {
      const orderLine = item.orderLines.get(line.orderLineId);
      if (!orderLine) return 'The order line of this refund is unknown here.';
      const taken = zero();
      for (const other of others) {
        for (const l of other.lines) {
          if (l.orderLineId !== line.orderLineId) continue;
          for (const k of COMPONENT_KEYS) taken[k] += l.components[k];
        }
      }
      for (const event of amazonOwn) {
        if (event.orderItemId !== orderLine.orderItemId) continue;
        const refunded = refundOf(event);
        for (const k of COMPONENT_KEYS) taken[k] += refunded[k];
      }
      const wanted = componentsOf(line);
      for (const k of COMPONENT_KEYS) {
        if (taken[k] + wanted[k] > orderLine.paid[k]) {
          return (
            `Refusing to pay more than was paid: ${k} of order item ${orderLine.orderItemId} ` +
            `was paid ${orderLine.paid[k]}, ${taken[k]} is refunded or on its way already ` +
            `(ours and Amazon's), this refund asks ${wanted[k]} (${item.request.currency} minor units).`
          );
        }
      }
    }
    return null;
  }

  private async submitExecutable(summary: CycleSummary): Promise<void> {
    const ids = await this.claim();
    summary.claimed += ids.length;
    if (ids.length === 0) return;
    const items = await this.loadForFeed(ids);
    const eventsByOrder = new Map<string, RefundedLine[]>();
    const accepted: RequestForFeed[] = [];
    for (const item of items) {
      let own = eventsByOrder.get(item.request.orderId);
      if (!own) {
        try {
          const events = await this.options.client.finances.refundedLines(item.amazonOrderId);
          own = await this.linkEvents(item.request.orderId, events);
          eventsByOrder.set(item.request.orderId, own);
        } catch (error) {
          // No guard without Amazon's figures: the request waits for the next cycle.
          this.log('financial events unavailable; refund waits', {
            request: item.request.id,
            error: String(error),
          });
          await this.release(item.request.id);
          continue;
        }
      }
      const refusal = await this.guard(item, own, accepted);
      if (refusal) {
        await withSyncWrite(this.db, (tx) =>
          this.settle(tx, item.request.id, 'rejected', refusal, summary),
        );
        summary.refused++;
        continue;
      }
      // What this request takes counts for the next one of the same order in this cycle.
      accepted.push(item);
    }
    const byMarketplace = new Map<string, RequestForFeed[]>();
    for (const item of accepted) {
      byMarketplace.set(item.marketplaceId, [
        ...(byMarketplace.get(item.marketplaceId) ?? []),
        item,
      ]);
    }
    for (const [marketplaceId, batch] of byMarketplace) {
      try {
        await this.submitBatch(marketplaceId, batch, summary);
      } catch (error) {
        this.log('refund feed not submitted', { marketplaceId, error: String(error) });
      }
    }
  }

  private async release(requestId: string) {
    await this.db
      .update(refundExecutions)
      .set({ leaseOwner: null, leaseUntil: null })
      .where(
        and(
          eq(refundExecutions.refundRequestId, requestId),
          eq(refundExecutions.leaseOwner, this.workerId),
        ),
      );
  }

  private async submitBatch(marketplaceId: string, batch: RequestForFeed[], summary: CycleSummary) {
    const client = this.options.client;
    // Phase "claimed": committed to a feed. The request is `submitted` from here on, so a
    // denial arriving now no longer beats its approval.
    const committed = await withSyncWrite(this.db, async (tx) => {
      const kept: RequestForFeed[] = [];
      const now = this.nowDate();
      for (const item of batch) {
        const [state] = await queryRows<{ status: string; lease_owner: string | null }>(
          tx,
          sql`select r.status, e.lease_owner from refund_requests r
              join refund_executions e on e.refund_request_id = r.id
              where r.id = ${item.request.id} for update of r`,
        );
        if (!state || state.lease_owner !== this.workerId) continue;
        if (state.status === 'approved') {
          const [live] = await queryRows<{ n: number }>(
            tx,
            sql`select count(*)::int as n from approvals where refund_request_id = ${item.request.id}
                and beaten_at is null and decision = 'approved' and confirmed_at is not null`,
          );
          if (!live || live.n === 0) continue;
        } else if (state.status !== 'submitted') continue;
        const [exec] = await tx
          .update(refundExecutions)
          .set({
            state: 'in_flight',
            attempts: sql`${refundExecutions.attempts} + 1`,
            updatedAt: now,
          })
          .where(eq(refundExecutions.refundRequestId, item.request.id))
          .returning({ attempts: refundExecutions.attempts });
        await tx.insert(refundAttempts).values({
          id: randomUUID(),
          refundRequestId: item.request.id,
          attempt: exec!.attempts,
          phase: 'claimed',
          createdAt: now,
          updatedAt: now,
        });
        if (state.status === 'approved') {
          await tx
            .update(refundRequests)
            .set({ status: 'submitted' })
            .where(eq(refundRequests.id, item.request.id));
          await this.publishStatus(tx, item.request.id, { status: 'submitted' });
        }
        kept.push(item);
      }
      return kept;
    });
    if (committed.length === 0) return;
    const ids = committed.map((c) => c.request.id);

    const adjustments: RefundAdjustment[] = committed.flatMap((item) =>
      item.lines.map((line, i) => ({
        refundRequestId: adjustmentItemId(item.request.id, i),
        amazonOrderId: item.amazonOrderId,
        orderItemId: item.orderLines.get(line.orderLineId)!.orderItemId,
        currency: item.request.currency as Currency,
        quantity: line.units,
        components: {
          principal: line.itemMinor,
          tax: line.itemTaxMinor,
          shipping: line.shippingMinor,
          shippingTax: line.shippingTaxMinor,
          ...(line.restockingFeeMinor > 0 ? { restockingFee: line.restockingFeeMinor } : {}),
        },
      })),
    );
    const built = buildOrderAdjustmentFeed(this.options.merchantId, adjustments);
    const messages = built.messages.map((m) => ({
      ...m,
      refundRequestIds: [...new Set(m.refundRequestIds.map(requestIdOfItem))],
      itemIds: m.refundRequestIds,
    }));
    const contentType = 'text/xml; charset=UTF-8';
    let upload: { feedDocumentId: string; url: string };
    try {
      upload = await client.feeds.createFeedDocument(contentType);
      await client.feeds.uploadFeedDocument(upload, built.xml, contentType);
    } catch (error) {
      // Before createFeed: nothing reached Amazon's refunds. Back to the queue.
      await this.backToQueue(ids, `feed document: ${String(error)}`);
      summary.retried += ids.length;
      return;
    }
    // Phase "submitting": the feed document and what it carries, recorded before createFeed.
    const feedRowId = randomUUID();
    const submittingAt = this.nowDate();
    await this.db.transaction(async (tx) => {
      await tx.insert(refundFeeds).values({
        id: feedRowId,
        marketplaceId,
        phase: 'submitting',
        feedDocumentId: upload.feedDocumentId,
        xml: built.xml,
        messages: messages.map(({ itemIds, ...m }) => ({
          ...m,
          refundRequestIds: itemIds,
        })),
        submittingAt,
      });
      await tx
        .update(refundAttempts)
        .set({ phase: 'submitting', feedRowId, updatedAt: submittingAt })
        .where(
          and(inArray(refundAttempts.refundRequestId, ids), eq(refundAttempts.phase, 'claimed')),
        );
      await tx
        .update(refundExecutions)
        .set({ leaseOwner: null, leaseUntil: null })
        .where(inArray(refundExecutions.refundRequestId, ids));
    });
    let feedId: string;
    try {
      feedId = await client.feeds.createFeed({
        feedType: ORDER_ADJUSTMENT_FEED_TYPE,
        marketplaceIds: [marketplaceId],
        inputFeedDocumentId: upload.feedDocumentId,
      });
    } catch (error) {
      const unknown =
        (error instanceof SpApiError || error instanceof SpApiTransportError) &&
        error.outcomeUnknown;
      const known = error instanceof SpApiError && !error.outcomeUnknown;
      if (known) {
        // Amazon answered and refused it (4xx, throttled): no feed exists.
        await this.db.transaction(async (tx) => {
          await tx
            .update(refundFeeds)
            .set({ phase: 'not_created', error: String(error), finishedAt: this.nowDate() })
            .where(eq(refundFeeds.id, feedRowId));
          await tx
            .update(refundAttempts)
            .set({ phase: 'not_sent', updatedAt: this.nowDate() })
            .where(eq(refundAttempts.feedRowId, feedRowId));
          await tx
            .update(refundExecutions)
            .set({ state: 'queued', updatedAt: this.nowDate() })
            .where(inArray(refundExecutions.refundRequestId, ids));
        });
        summary.retried += ids.length;
        return;
      }
      // Unknown (or anything unexpected): recorded, reconciled next cycle, never retried blindly.
      await this.db.transaction(async (tx) => {
        await tx
          .update(refundFeeds)
          .set({ phase: 'unknown', error: String(error) })
          .where(eq(refundFeeds.id, feedRowId));
        await tx
          .update(refundAttempts)
          .set({ phase: 'unknown', updatedAt: this.nowDate() })
          .where(eq(refundAttempts.feedRowId, feedRowId));
        await tx
          .update(refundExecutions)
          .set({ state: 'unknown', updatedAt: this.nowDate() })
          .where(inArray(refundExecutions.refundRequestId, ids));
      });
      summary.unknown += ids.length;
      this.log('createFeed outcome unknown; will reconcile', { unknown, error: String(error) });
      return;
    }
    // Phase "submitted": Amazon's feed id.
    await this.db.transaction(async (tx) => {
      await tx
        .update(refundFeeds)
        .set({ phase: 'submitted', feedId, submittedAt: this.nowDate() })
        .where(eq(refundFeeds.id, feedRowId));
      await tx
        .update(refundAttempts)
        .set({ phase: 'submitted', updatedAt: this.nowDate() })
        .where(eq(refundAttempts.feedRowId, feedRowId));
    });
    summary.submittedFeeds++;
  }

  private async backToQueue(ids: string[], why: string) {
    const now = this.nowDate();
    await this.db.transaction(async (tx) => {
      await tx
        .update(refundAttempts)
        .set({ phase: 'not_sent', message: why, updatedAt: now })
        .where(
          and(inArray(refundAttempts.refundRequestId, ids), eq(refundAttempts.phase, 'claimed')),
        );
      await tx
        .update(refundExecutions)
        .set({ state: 'queued', leaseOwner: null, leaseUntil: null, updatedAt: now })
        .where(inArray(refundExecutions.refundRequestId, ids));
    });
  }
}

function requestIdsOf(feed: { messages: { refundRequestIds: string[] }[] }): string[] {
  return [...new Set(feed.messages.flatMap((m) => m.refundRequestIds.map(requestIdOfItem)))];
}

/** An event's refund per component, as positive minor units. */
function refundOf(event: RefundedLine): Components {
  const c = zero();
  for (const k of COMPONENT_KEYS) c[k] = Math.max(0, -(event.charges[k] ?? 0));
  return c;
}
