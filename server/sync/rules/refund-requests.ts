import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { MarketplaceCode } from '../../../shared/domain/marketplaces';
import { MARKETPLACES } from '../../../shared/domain/marketplaces';
import { REFUND_STATE_RANK, paidForLine, type RefundState } from '../../../shared/domain/returns';
import { orderLines, orders, refundRequestLines, refundRequests } from '../../database/schema';
import { reachCovers } from '../../directory/scope';
import type { ApprovalRow, RefundRequestLineRow, RefundRequestRow } from '../row-schemas';
import {
  publish,
  requireOwnStore,
  requireUsers,
  rowsOf,
  sameRow,
  storedRow,
  withoutKeys,
  type MutationContext,
} from './context';
import { reject } from './rejection';
import { refundDigest } from './refund-digest';
import { returnFacts, returnLineFacts } from './returns';

/** Requests whose lines no longer hold money back: refused by a manager or by Amazon. */
const DEAD_REFUND_STATES: RefundState[] = ['denied', 'rejected'];
const AMOUNT_KEYS = [
  'itemMinor',
  'itemTaxMinor',
  'shippingMinor',
  'shippingTaxMinor',
  'restockingFeeMinor',
  'totalMinor',
] as const;

export async function refundRequestById(ctx: MutationContext, id: string) {
  const [row] = await ctx.tx.select().from(refundRequests).where(eq(refundRequests.id, id));
  return row;
}

function approvalInMutationFor(ctx: MutationContext, requestId: string): ApprovalRow | undefined {
  return rowsOf<ApprovalRow>(ctx, 'approvals').find((a) => a.refundRequestId === requestId);
}

/**
 * DESIGN.md §7: per order line, what all live requests ask for (this one included) never
 * exceeds what the buyer paid for it — the desktop's own "paid" (shared refund maths: price less
 * promotion, plus taxes where not included, plus shipping) — nor more units than were bought.
 */
async function requireWithinPaid(ctx: MutationContext, lines: RefundRequestLineRow[]) {
  const orderLineIds = [...new Set(lines.map((l) => l.orderLineId))];
  const bought = await ctx.tx
    .select({
      id: orderLines.id,
      quantity: orderLines.quantity,
      unitPriceMinor: orderLines.unitPriceMinor,
      itemTaxMinor: orderLines.itemTaxMinor,
      shippingMinor: orderLines.shippingMinor,
      shippingTaxMinor: orderLines.shippingTaxMinor,
      promotionDiscountMinor: orderLines.promotionDiscountMinor,
      marketplace: orders.marketplace,
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(inArray(orderLines.id, orderLineIds));
  const already = await ctx.tx
    .select({
      orderLineId: refundRequestLines.orderLineId,
      units: sql<number>`coalesce(sum(${refundRequestLines.units}), 0)::int`,
      totalMinor: sql<number>`coalesce(sum(${refundRequestLines.totalMinor}), 0)::bigint`,
    })
    .from(refundRequestLines)
    .innerJoin(refundRequests, eq(refundRequests.id, refundRequestLines.refundRequestId))
    .where(
      and(
        inArray(refundRequestLines.orderLineId, orderLineIds),
        notInArray(refundRequests.status, DEAD_REFUND_STATES),
      ),
    )
    .groupBy(refundRequestLines.orderLineId);
  for (const line of bought) {
    const paid = paidForLine({
      ...line,
      taxIncluded: MARKETPLACES[line.marketplace as MarketplaceCode]?.taxIncluded ?? false,
    }).totalMinor;
    const before = already.find((a) => a.orderLineId === line.id);
    const asked = lines.filter((l) => l.orderLineId === line.id);
    const units = Number(before?.units ?? 0) + asked.reduce((sum, l) => sum + l.units, 0);
    const total = Number(before?.totalMinor ?? 0) + asked.reduce((sum, l) => sum + l.totalMinor, 0);
    if (total > paid || units > line.quantity) {
      reject(
        'REFUND_EXCEEDS_PAID',
        `Order line ${line.id}: requests would refund ${total} of ${paid} paid (${units} of ${line.quantity} units).`,
      );
    }
  }
}

async function insertRefundRequest(ctx: MutationContext, row: RefundRequestRow) {
  requireOwnStore(ctx, row.storeId, 'This refund request');
  const ret = await returnFacts(ctx, row.returnId);
  if (!ret) reject('UNKNOWN_REFERENCE', 'The refund request names an unknown return.');
  if (ret.storeId !== row.storeId || ret.orderId !== row.orderId) {
    reject('INVALID_ROW', `The refund request does not match return ${ret.rmaNumber}.`);
  }
  const [order] = await ctx.tx.select().from(orders).where(eq(orders.id, row.orderId));
  if (!order) reject('UNKNOWN_REFERENCE', 'The refund request names an unknown order.');
  if (order.currency !== row.currency)
    reject('INVALID_ROW', 'A refund is paid in the order’s currency.');
  await requireUsers(ctx, [row.requestedBy]);

  // A request and its lines are one immutable intent: they arrive together.
  const lines = rowsOf<RefundRequestLineRow>(ctx, 'refundRequestLines').filter(
    (l) => l.refundRequestId === row.id,
  );
  if (lines.length === 0) reject('INVALID_ROW', 'A refund request comes with its lines.');
  for (const line of lines) {
    const returnLine = await returnLineFacts(ctx, line.returnLineId);
    if (!returnLine || returnLine.returnId !== row.returnId) {
      reject('UNKNOWN_REFERENCE', 'A refund line names a line of another return.');
    }
    if (returnLine.orderLineId !== line.orderLineId) {
      reject('INVALID_ROW', 'A refund line names another order line than its return line.');
    }
  }
  for (const key of AMOUNT_KEYS) {
    if (lines.reduce((sum, l) => sum + l[key], 0) !== row[key]) {
      reject('INVALID_ROW', `The request's ${key} is not the sum of its lines'.`);
    }
  }
  const digest = refundDigest({ ...row, lines });
  if (digest !== row.digest)
    reject('DIGEST_MISMATCH', 'The request’s digest does not match its content.');
  await requireWithinPaid(ctx, lines);

  if (row.status !== 'pending_approval') {
    const decision = approvalInMutationFor(ctx, row.id);
    if (!decision || decision.decision !== row.status) {
      reject(
        'INVALID_TRANSITION',
        `A new request is pending, or decided by a decision sent with it.`,
      );
    }
  }
  // Recorded as pending; the decision sent with it (approvals.ts) moves it on.
  await ctx.tx.insert(refundRequests).values({
    id: row.id,
    returnId: row.returnId,
    orderId: row.orderId,
    storeId: row.storeId,
    status: 'pending_approval',
    digest: row.digest,
    requestedBy: row.requestedBy,
    totalMinor: row.totalMinor,
  });
  await ctx.tx.insert(refundRequestLines).values(
    lines.map((l) => ({
      id: l.id,
      refundRequestId: l.refundRequestId,
      returnLineId: l.returnLineId,
      orderLineId: l.orderLineId,
      units: l.units,
      totalMinor: l.totalMinor,
    })),
  );
  await publish(
    ctx,
    'refundRequests',
    { ...row, status: 'pending_approval' },
    { storeId: row.storeId },
  );
  for (const line of lines)
    await publish(ctx, 'refundRequestLines', line, { storeId: row.storeId });
}

/**
 * A request the back office has: its intent is fixed; its status moves pending → approved or
 * denied only with the decision in the same mutation (approvals.ts does that), and past
 * "approved" only by the back office. An older status arriving changes nothing.
 */
async function mergeRefundRequest(
  ctx: MutationContext,
  row: RefundRequestRow,
): Promise<'inserted' | 'merged'> {
  const current = await refundRequestById(ctx, row.id);
  if (!current) {
    await insertRefundRequest(ctx, row);
    return 'inserted';
  }
  if (!reachCovers(ctx.reach, { storeId: current.storeId })) {
    reject('OUT_OF_SCOPE', 'This refund request belongs to a store this device does not reach.');
  }
  const stored = (await storedRow(ctx, 'refundRequests', row))!;
  if (!sameRow(withoutKeys(stored.data, ['status']), withoutKeys(row, ['status']))) {
    reject('IMMUTABLE', 'A refund request cannot change; request a new one.');
  }
  const status = current.status as RefundState;
  if (row.status === status) return 'merged';
  if (approvalInMutationFor(ctx, row.id)?.decision === row.status) return 'merged'; // approvals.ts decides
  if (REFUND_STATE_RANK[row.status] < REFUND_STATE_RANK[status]) {
    await publish(ctx, 'refundRequests', stored.data, { storeId: current.storeId });
    return 'merged';
  }
  reject(
    'INVALID_TRANSITION',
    `A device cannot move a refund request ${status} → ${row.status} (decisions come with an approval; only the back office submits).`,
  );
}

async function applyRefundRequestLine(ctx: MutationContext, line: RefundRequestLineRow) {
  const request = await refundRequestById(ctx, line.refundRequestId);
  if (!request) reject('UNKNOWN_REFERENCE', 'A refund line names an unknown request.');
  if (!reachCovers(ctx.reach, { storeId: request.storeId })) {
    reject('OUT_OF_SCOPE', 'This refund request belongs to a store this device does not reach.');
  }
  const stored = await storedRow(ctx, 'refundRequestLines', line);
  if (!stored) reject('IMMUTABLE', 'A refund request’s lines are fixed when it is made.');
  if (!sameRow(stored.data, line)) reject('IMMUTABLE', 'A refund line cannot change.');
}

/** Refund requests (a new one with its lines), then lines of requests recorded before. */
export async function applyRefundRequests(ctx: MutationContext): Promise<void> {
  const inserted = new Set<string>();
  for (const row of rowsOf<RefundRequestRow>(ctx, 'refundRequests')) {
    if ((await mergeRefundRequest(ctx, row)) === 'inserted') inserted.add(row.id);
  }
  for (const line of rowsOf<RefundRequestLineRow>(ctx, 'refundRequestLines')) {
    if (!inserted.has(line.refundRequestId)) await applyRefundRequestLine(ctx, line);
  }
}
