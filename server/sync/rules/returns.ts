import { eq } from 'drizzle-orm';
import {
  LINE_STATE_RANK,
  RETURN_STATUS_RANK,
  type LineState,
  type ReturnStatus,
} from '../../../shared/domain/returns';
import { orderLines, orders, returnLines, returns } from '../../database/schema';
import { flagForReview } from '../review-flags';
import type { ReturnLineRow, ReturnRow } from '../row-schemas';
import type { RowData } from '../sync-rows';
import {
  memo,
  publish,
  requireOwnStore,
  requireUsers,
  rowsOf,
  sameRow,
  storedRow,
  withoutKeys,
  type MutationContext,
} from './context';
import { mergeState } from './forward-state';
import { reject } from './rejection';

/** What sync may change on a return and on a line; everything else is fixed at intake. */
const RETURN_MUTABLE = ['status', 'updatedAt'] as const;
const LINE_MUTABLE = ['state', 'disposition', 'disposedAt'] as const;

export async function returnById(ctx: MutationContext, id: string) {
  const [row] = await ctx.tx.select().from(returns).where(eq(returns.id, id));
  return row;
}

export async function returnLineWithStore(ctx: MutationContext, id: string) {
  const [row] = await ctx.tx
    .select({
      id: returnLines.id,
      returnId: returnLines.returnId,
      orderLineId: returnLines.orderLineId,
      state: returnLines.state,
      storeId: returns.storeId,
      orderId: returns.orderId,
    })
    .from(returnLines)
    .innerJoin(returns, eq(returns.id, returnLines.returnId))
    .where(eq(returnLines.id, id));
  return row;
}

/** What never changes about a return: its number, store and order. */
export interface ReturnFacts {
  id: string;
  rmaNumber: string;
  storeId: string;
  orderId: string;
}

export function returnFacts(ctx: MutationContext, id: string): Promise<ReturnFacts | undefined> {
  return memo(ctx, `return:${id}`, async () => {
    const row = await returnById(ctx, id);
    return (
      row && { id: row.id, rmaNumber: row.rmaNumber, storeId: row.storeId, orderId: row.orderId }
    );
  });
}

/** What never changes about a return line: its return, order line, store and order. */
export interface ReturnLineFacts {
  id: string;
  returnId: string;
  orderLineId: string;
  storeId: string;
  orderId: string;
}

export function returnLineFacts(
  ctx: MutationContext,
  id: string,
): Promise<ReturnLineFacts | undefined> {
  return memo(ctx, `returnLine:${id}`, async () => {
    const row = await returnLineWithStore(ctx, id);
    return (
      row && {
        id: row.id,
        returnId: row.returnId,
        orderLineId: row.orderLineId,
        storeId: row.storeId,
        orderId: row.orderId,
      }
    );
  });
}

/** The order a return or refund names: orders come from Amazon and are never deleted. */
function orderExists(ctx: MutationContext, id: string): Promise<true | undefined> {
  return memo(ctx, `order:${id}`, async () => {
    const [order] = await ctx.tx.select({ id: orders.id }).from(orders).where(eq(orders.id, id));
    return order ? true : undefined;
  });
}

function orderOfOrderLine(ctx: MutationContext, id: string): Promise<string | undefined> {
  return memo(ctx, `orderLine:${id}`, async () => {
    const [line] = await ctx.tx
      .select({ orderId: orderLines.orderId })
      .from(orderLines)
      .where(eq(orderLines.id, id));
    return line?.orderId;
  });
}

function requireUnchanged(
  stored: RowData,
  pushed: RowData,
  mutable: readonly string[],
  what: string,
) {
  if (!sameRow(withoutKeys(stored, mutable), withoutKeys(pushed, mutable))) {
    reject('IMMUTABLE', `${what} cannot change after it was recorded, except its state.`);
  }
}

async function flagTerminalConflict(
  ctx: MutationContext,
  table: 'returns' | 'returnLines',
  id: string,
  kept: unknown,
  arrived: unknown,
) {
  await flagForReview(ctx.tx, {
    kind: 'terminal_conflict',
    deviceId: ctx.device.id,
    tableName: table,
    rowKey: id,
    details: { kept, arrived, mutationId: ctx.mutation.mutationId },
    now: ctx.now,
  });
}

async function insertReturn(ctx: MutationContext, row: ReturnRow) {
  requireOwnStore(ctx, row.storeId, `Return ${row.rmaNumber}`);
  if (!(await orderExists(ctx, row.orderId)))
    reject('UNKNOWN_REFERENCE', `Return ${row.rmaNumber} names an unknown order.`);
  await requireUsers(ctx, [row.createdBy, row.overrideBy]);
  const [clash] = await ctx.tx
    .select({ id: returns.id })
    .from(returns)
    .where(eq(returns.rmaNumber, row.rmaNumber));
  if (clash) reject('INVALID_ROW', `RMA number ${row.rmaNumber} is already another return's.`);
  await ctx.tx.insert(returns).values({
    id: row.id,
    rmaNumber: row.rmaNumber,
    storeId: row.storeId,
    orderId: row.orderId,
    status: row.status,
  });
  ctx.memo?.set(`return:${row.id}`, {
    id: row.id,
    rmaNumber: row.rmaNumber,
    storeId: row.storeId,
    orderId: row.orderId,
  } satisfies ReturnFacts);
  await publish(ctx, 'returns', row, { storeId: row.storeId });
}

async function mergeReturn(ctx: MutationContext, row: ReturnRow) {
  const current = await returnById(ctx, row.id);
  if (!current) return insertReturn(ctx, row);
  requireOwnStore(ctx, current.storeId, `Return ${current.rmaNumber}`);
  const stored = (await storedRow(ctx, 'returns', row))!;
  requireUnchanged(stored.data, row, RETURN_MUTABLE, `Return ${current.rmaNumber}`);
  const merge = mergeState(current.status as ReturnStatus, row.status, RETURN_STATUS_RANK);
  if (merge === 'same') return;
  if (merge === 'advance') {
    await ctx.tx.update(returns).set({ status: row.status }).where(eq(returns.id, row.id));
    await publish(ctx, 'returns', row, { storeId: current.storeId });
    return;
  }
  if (merge === 'terminal_conflict') {
    await flagTerminalConflict(ctx, 'returns', row.id, current.status, row.status);
  }
  // Kept ours: send it again so the device that pushed the other state converges.
  await publish(ctx, 'returns', stored.data, { storeId: current.storeId });
}

async function insertReturnLine(ctx: MutationContext, row: ReturnLineRow) {
  const parent = await returnFacts(ctx, row.returnId);
  if (!parent) reject('UNKNOWN_REFERENCE', 'A return line names an unknown return.');
  requireOwnStore(ctx, parent.storeId, `Return ${parent.rmaNumber}`);
  const orderId = await orderOfOrderLine(ctx, row.orderLineId);
  if (!orderId) reject('UNKNOWN_REFERENCE', 'A return line names an unknown order line.');
  if (orderId !== parent.orderId) {
    reject('INVALID_ROW', `A line of return ${parent.rmaNumber} names another order's line.`);
  }
  await ctx.tx.insert(returnLines).values({
    id: row.id,
    returnId: row.returnId,
    orderLineId: row.orderLineId,
    state: row.state,
  });
  ctx.memo?.set(`returnLine:${row.id}`, {
    id: row.id,
    returnId: row.returnId,
    orderLineId: row.orderLineId,
    storeId: parent.storeId,
    orderId: parent.orderId,
  } satisfies ReturnLineFacts);
  await publish(ctx, 'returnLines', row, { storeId: parent.storeId });
}

async function mergeReturnLine(ctx: MutationContext, row: ReturnLineRow) {
  const current = await returnLineWithStore(ctx, row.id);
  if (!current) return insertReturnLine(ctx, row);
  requireOwnStore(ctx, current.storeId, 'That return line');
  const stored = (await storedRow(ctx, 'returnLines', row))!;
  requireUnchanged(stored.data, row, LINE_MUTABLE, 'A return line');
  let merge = mergeState(current.state as LineState, row.state, LINE_STATE_RANK);
  // Disposed twice, to two different places: as much a second ending as disposed vs cancelled.
  if (
    merge === 'same' &&
    !sameRow(withoutKeys(stored.data, ['disposedAt']), withoutKeys(row, ['disposedAt']))
  ) {
    merge = 'terminal_conflict';
  }
  if (merge === 'same') return;
  if (merge === 'advance') {
    await ctx.tx.update(returnLines).set({ state: row.state }).where(eq(returnLines.id, row.id));
    await publish(ctx, 'returnLines', row, { storeId: current.storeId });
    return;
  }
  if (merge === 'terminal_conflict') {
    await flagTerminalConflict(
      ctx,
      'returnLines',
      row.id,
      { state: stored.data.state, disposition: stored.data.disposition },
      { state: row.state, disposition: row.disposition },
    );
  }
  await publish(ctx, 'returnLines', stored.data, { storeId: current.storeId });
}

/** Returns and their lines: created once by their store, then only moving forward. */
export async function applyReturns(ctx: MutationContext): Promise<void> {
  for (const row of rowsOf<ReturnRow>(ctx, 'returns')) await mergeReturn(ctx, row);
  for (const row of rowsOf<ReturnLineRow>(ctx, 'returnLines')) await mergeReturnLine(ctx, row);
}
