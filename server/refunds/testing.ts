import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { generateChain } from '../../shared/demo-data';
import { MARKETPLACES, type MarketplaceCode } from '../../shared/domain/marketplaces';
import { refundForUnits } from '../../shared/domain/returns';
import type { Db } from '../database/client';
import {
  approvals,
  orderLines,
  orders,
  refundRequestLines,
  refundRequests,
  returnLines,
  returns,
} from '../database/schema';
import type { RefundRequestLineRow, RefundRequestRow } from '../sync/row-schemas';
import { publishRows } from '../sync/sync-rows';
import { withSyncWrite } from '../sync/write-lock';

/**
 * Test helper: an approved refund request written into the back office's database as the sync
 * rules would after a push (side tables + published rows), so executor tests and the soak can
 * make hundreds without a desktop. Amounts from the shared refund maths, or overridden.
 */

const chain = generateChain();
let rmaSequence = 0;

export type OrderWithLines = {
  order: typeof orders.$inferSelect;
  lines: (typeof orderLines.$inferSelect)[];
};

export async function deliveredOrders(db: Db): Promise<OrderWithLines[]> {
  const all = await db
    .select()
    .from(orders)
    .where(eq(orders.status, 'Delivered'))
    .orderBy(asc(orders.purchasedAt));
  const lines = await db.select().from(orderLines).orderBy(asc(orderLines.orderItemId));
  return all.map((order) => ({ order, lines: lines.filter((l) => l.orderId === order.id) }));
}

/** A demo store (any: the executor does not care which store asked). */
export function demoStoreAt(index = 0): { id: string; code: string } {
  return chain.stores[index % chain.stores.length]!;
}

export interface InsertRefundOptions {
  storeId?: string;
  /** Per order line index: units (default the whole line). Lines not listed are left out. */
  lines?: { index: number; units?: number; totalMinor?: number }[];
  status?: 'approved' | 'pending_approval';
  /** An offline-code approval not yet confirmed by the back office. */
  unconfirmed?: boolean;
  requestedAt?: Date;
}

export async function insertApprovedRefund(
  db: Db,
  target: OrderWithLines,
  options: InsertRefundOptions = {},
): Promise<{ request: RefundRequestRow; lines: RefundRequestLineRow[] }> {
  const marketplace = target.order.marketplace as MarketplaceCode;
  const taxIncluded = MARKETPLACES[marketplace].taxIncluded;
  const store = options.storeId ?? demoStoreAt().id;
  const user = chain.users.find((u) => u.role === 'clerk') ?? chain.users[0]!;
  const at = (options.requestedAt ?? new Date()).toISOString();
  const returnId = uuidv7();
  const requestId = uuidv7();
  const picks: NonNullable<InsertRefundOptions['lines']> =
    options.lines ?? target.lines.map((_, index) => ({ index }));
  const lines: RefundRequestLineRow[] = picks.map((pick) => {
    const orderLine = target.lines[pick.index]!;
    const amount = refundForUnits(
      { ...orderLine, taxIncluded },
      {
        alreadyReturnedUnits: 0,
        units: pick.units ?? orderLine.quantity,
        refundShipping: true,
        restockingFeeBps: 0,
      },
    );
    const totalMinor = pick.totalMinor ?? amount.totalMinor;
    return {
      id: uuidv7(),
      refundRequestId: requestId,
      returnLineId: uuidv7(),
      orderLineId: orderLine.id,
      units: pick.units ?? orderLine.quantity,
      ...amount,
      itemMinor: amount.itemMinor + (totalMinor - amount.totalMinor),
      totalMinor,
    };
  });
  const sum = (k: keyof RefundRequestLineRow) => lines.reduce((s, l) => s + (l[k] as number), 0);
  const status = options.status ?? 'approved';
  const request: RefundRequestRow = {
    id: requestId,
    returnId,
    orderId: target.order.id,
    storeId: store,
    currency: target.order.currency,
    itemMinor: sum('itemMinor'),
    itemTaxMinor: sum('itemTaxMinor'),
    shippingMinor: sum('shippingMinor'),
    shippingTaxMinor: sum('shippingTaxMinor'),
    restockingFeeMinor: sum('restockingFeeMinor'),
    totalMinor: sum('totalMinor'),
    adjustmentReason: null,
    status,
    decision: 'auto_approved',
    decisionReasons: '[]',
    riskSignals: '[]',
    approvalPolicyId: 'approval-2026.1',
    approvalPolicyVersion: 1,
    digest: randomUUID().replace(/-/g, '').repeat(2),
    requestedBy: user.id,
    requestedAt: at,
  };
  rmaSequence += 1;
  await withSyncWrite(db, async (tx) => {
    await tx.insert(returns).values({
      id: returnId,
      rmaNumber: `T${String(rmaSequence).padStart(6, '0')}-${requestId.slice(-6)}`,
      storeId: store,
      orderId: target.order.id,
      status: 'completed',
    });
    for (const line of lines) {
      await tx.insert(returnLines).values({
        id: line.returnLineId,
        returnId,
        orderLineId: line.orderLineId,
        state: 'disposed',
      });
    }
    await tx.insert(refundRequests).values({
      id: requestId,
      returnId,
      orderId: target.order.id,
      storeId: store,
      status,
      digest: request.digest,
      requestedBy: user.id,
      totalMinor: request.totalMinor,
    });
    await tx.insert(refundRequestLines).values(
      lines.map((l) => ({
        id: l.id,
        refundRequestId: requestId,
        returnLineId: l.returnLineId,
        orderLineId: l.orderLineId,
        units: l.units,
        totalMinor: l.totalMinor,
      })),
    );
    if (status === 'approved') {
      await tx.insert(approvals).values({
        id: uuidv7(),
        refundRequestId: requestId,
        decision: 'approved',
        decidedBy: null,
        deviceId: randomUUID(),
        method: options.unconfirmed ? 'offline_code' : 'policy',
        confirmedAt: options.unconfirmed ? null : new Date(),
      });
    }
    await publishRows(
      tx,
      [
        { table: 'refundRequests', data: { ...request }, audience: { storeId: store } },
        ...lines.map((l) => ({
          table: 'refundRequestLines' as const,
          data: { ...l },
          audience: { storeId: store },
        })),
      ],
      new Date(),
    );
  });
  return { request, lines };
}
