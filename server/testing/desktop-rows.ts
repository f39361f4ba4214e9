import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { generateChain } from '../../shared/demo-data';
import { MARKETPLACES, type MarketplaceCode } from '../../shared/domain/marketplaces';
import { paidForLine, refundForUnits, sumBreakdowns } from '../../shared/domain/returns';
import type { RowChange } from '../../shared/sync/protocol';
import { orderLines, orders } from '../database/schema';
import type {
  ApprovalRow,
  LabelPrintRow,
  PhotoRow,
  QcInspectionRow,
  RefundRequestLineRow,
  RefundRequestRow,
  ReturnLineRow,
  ReturnRow,
} from '../sync/row-schemas';
import { refundDigest } from '../sync/rules/refund-digest';
import type { TestBackOffice } from './engines';
import type { TestDevice } from './sync-client';

/**
 * Rows exactly as the desktop's handlers write them (electron/backend/handlers/returns.ts,
 * inspection.ts, refunds.ts), built on the back office's own demo chain and orders.
 */

const chain = generateChain();

export function demoUser(username: string) {
  const user = chain.users.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user;
}

export function demoStore(code: string) {
  const store = chain.stores.find((s) => s.code === code);
  if (!store) throw new Error(`no demo store ${code}`);
  return store;
}

export type OrderLine = typeof orderLines.$inferSelect;
export interface DemoOrderWithLines {
  order: typeof orders.$inferSelect;
  lines: OrderLine[];
}

const handedOut = new WeakMap<TestBackOffice, Set<string>>();

/** A delivered order of the marketplace no other test of this back office has used yet. */
export async function freshOrder(
  bo: TestBackOffice,
  marketplace: MarketplaceCode,
  options: {
    minLines?: number;
    minQuantity?: number;
    /** E.g. below or above the auto-approval threshold. */
    fits?: (order: DemoOrderWithLines) => boolean;
  } = {},
): Promise<DemoOrderWithLines> {
  const used = handedOut.get(bo) ?? new Set<string>();
  handedOut.set(bo, used);
  const candidates = await bo.db
    .select()
    .from(orders)
    .where(and(eq(orders.marketplace, marketplace), eq(orders.status, 'Delivered')))
    .orderBy(asc(orders.purchasedAt));
  for (const order of candidates) {
    if (used.has(order.id)) continue;
    const lines = await bo.db
      .select()
      .from(orderLines)
      .where(eq(orderLines.orderId, order.id))
      .orderBy(asc(orderLines.orderItemId));
    if (lines.length < (options.minLines ?? 1)) continue;
    if (lines.some((l) => l.quantity < (options.minQuantity ?? 1))) continue;
    if (options.fits && !options.fits({ order, lines })) continue;
    used.add(order.id);
    return { order, lines };
  }
  throw new Error(`no unused delivered ${marketplace} order fits`);
}

let rmaSequence = 0;

export interface NewReturn {
  ret: ReturnRow;
  lines: ReturnLineRow[];
}

/** returns.create: the return and its lines, all `received`, with an RMA number of the till. */
/** What the buyer paid for the whole order (shared refund maths), in minor units. */
export function paidForOrder(order: DemoOrderWithLines): number {
  const taxIncluded = MARKETPLACES[order.order.marketplace as MarketplaceCode].taxIncluded;
  return order.lines.reduce(
    (sum, line) => sum + paidForLine({ ...line, taxIncluded }).totalMinor,
    0,
  );
}

export function newReturn(
  device: TestDevice,
  order: DemoOrderWithLines,
  createdBy: string,
  options: { storeCode?: string; quantities?: number[] } = {},
): NewReturn {
  const at = device.bo.clock.iso();
  const id = uuidv7();
  rmaSequence += 1;
  const storeCode = options.storeCode ?? chain.stores.find((s) => s.id === device.storeId)!.code;
  const lines: ReturnLineRow[] = order.lines.map((line, i) => ({
    id: uuidv7(),
    returnId: id,
    orderLineId: line.id,
    quantity: options.quantities?.[i] ?? line.quantity,
    reasonCode: 'DEFECTIVE',
    comment: '',
    opened: true,
    damaged: false,
    missingParts: false,
    eligibility: JSON.stringify({
      eligible: true,
      overridable: true,
      withinWindow: true,
      returnBy: at.slice(0, 10),
      reasons: [],
      restockingFeeBps: 0,
      photoRequired: false,
      refundShipping: true,
      policyId: `returns-${order.order.marketplace.toLowerCase()}-2026.1`,
      policyVersion: 1,
    }),
    restockingFeeBps: 0,
    state: 'received',
    disposition: null,
    disposedAt: null,
    createdAt: at,
  }));
  const ret: ReturnRow = {
    id,
    rmaNumber: `${storeCode}-${device.enrolled.deviceCode}-${at.slice(2, 10).replace(/-/g, '')}-${String(rmaSequence).padStart(4, '0')}`,
    orderId: order.order.id,
    storeId: device.storeId,
    deviceId: device.id,
    createdBy,
    status: 'open',
    customerComment: '',
    overrideBy: null,
    overrideReason: null,
    returnPolicyId: `returns-${order.order.marketplace.toLowerCase()}-2026.1`,
    returnPolicyVersion: 1,
    createdAt: at,
    updatedAt: at,
  };
  return { ret, lines };
}

export const rows = {
  returns: (ret: ReturnRow): RowChange => ({ table: 'returns', row: ret }),
  returnLines: (line: ReturnLineRow): RowChange => ({ table: 'returnLines', row: line }),
  of: (table: RowChange['table'], row: object): RowChange => ({ table, row: { ...row } }),
};

export function createReturnRows(r: NewReturn): RowChange[] {
  return [rows.returns(r.ret), ...r.lines.map(rows.returnLines)];
}

/** qc.record: the inspection, the line moved to `inspected`, the return `in_progress`. */
export function inspect(
  r: NewReturn,
  lineIndex: number,
  inspectedBy: string,
  at: string,
  supersedesId: string | null = null,
) {
  const line = r.lines[lineIndex]!;
  const qc: QcInspectionRow = {
    id: uuidv7(),
    returnLineId: line.id,
    grade: 'LIKE_NEW',
    defects: '[]',
    checklist: '{}',
    serialExpected: null,
    serialScanned: null,
    serialCheck: 'not_applicable',
    notes: '',
    supersedesId,
    inspectedBy,
    inspectedAt: at,
  };
  r.lines[lineIndex] = { ...line, state: 'inspected' };
  r.ret = { ...r.ret, status: 'in_progress', updatedAt: at };
  return {
    qc,
    rows: [
      rows.of('qcInspections', qc),
      rows.returnLines(r.lines[lineIndex]!),
      rows.returns(r.ret),
    ],
  };
}

/** returns.dispose (or a cancellation): the line's end state, and the return's status. */
export function endLine(
  r: NewReturn,
  lineIndex: number,
  state: 'disposed' | 'cancelled',
  at: string,
  disposition: string | null = state === 'disposed' ? 'RESTOCK_STORE' : null,
  returnStatus: ReturnRow['status'] = state === 'disposed' ? 'completed' : 'cancelled',
): RowChange[] {
  r.lines[lineIndex] = {
    ...r.lines[lineIndex]!,
    state,
    disposition,
    disposedAt: state === 'disposed' ? at : null,
  };
  r.ret = { ...r.ret, status: returnStatus, updatedAt: at };
  return [rows.returnLines(r.lines[lineIndex]!), rows.returns(r.ret)];
}

export interface NewRefund {
  request: RefundRequestRow;
  lines: RefundRequestLineRow[];
}

/** refunds.request: amounts from the shared refund maths, the digest the desktop computes. */
export function refundFor(
  r: NewReturn,
  order: DemoOrderWithLines,
  requestedBy: string,
  at: string,
  options: {
    status?: RefundRequestRow['status'];
    decision?: RefundRequestRow['decision'];
    riskSignals?: unknown[];
    /** Override a line's total (e.g. to ask for more than was paid). */
    totals?: number[];
  } = {},
): NewRefund {
  const id = uuidv7();
  const taxIncluded = MARKETPLACES[order.order.marketplace as MarketplaceCode].taxIncluded;
  const lines: RefundRequestLineRow[] = r.lines.map((line, i) => {
    const orderLine = order.lines.find((l) => l.id === line.orderLineId)!;
    const amount = refundForUnits(
      { ...orderLine, taxIncluded },
      { alreadyReturnedUnits: 0, units: line.quantity, refundShipping: true, restockingFeeBps: 0 },
    );
    const totalMinor = options.totals?.[i] ?? amount.totalMinor;
    return {
      id: uuidv7(),
      refundRequestId: id,
      returnLineId: line.id,
      orderLineId: line.orderLineId,
      units: line.quantity,
      ...amount,
      itemMinor: amount.itemMinor + (totalMinor - amount.totalMinor),
      totalMinor,
    };
  });
  const total = sumBreakdowns(lines);
  const currency = order.order.currency;
  const decision = options.decision ?? 'needs_manager';
  const request: RefundRequestRow = {
    id,
    returnId: r.ret.id,
    orderId: order.order.id,
    storeId: r.ret.storeId,
    currency,
    ...total,
    adjustmentReason: null,
    status: options.status ?? (decision === 'auto_approved' ? 'approved' : 'pending_approval'),
    decision,
    decisionReasons: JSON.stringify(
      decision === 'auto_approved' ? [] : [{ code: 'ABOVE_THRESHOLD' }],
    ),
    riskSignals: JSON.stringify(options.riskSignals ?? []),
    approvalPolicyId: 'approval-2026.1',
    approvalPolicyVersion: 1,
    digest: refundDigest({
      id,
      orderId: order.order.id,
      currency,
      totalMinor: total.totalMinor,
      lines,
    }),
    requestedBy,
    requestedAt: at,
  };
  return { request, lines };
}

export function refundRows(refund: NewRefund): RowChange[] {
  return [
    rows.of('refundRequests', refund.request),
    ...refund.lines.map((l) => rows.of('refundRequestLines', l)),
  ];
}

/** approvals.decide: the decision and the request moved to it. */
export function decide(
  refund: NewRefund,
  device: TestDevice,
  decision: 'approved' | 'denied',
  decidedBy: string | null,
  at: string,
  method = decidedBy ? 'queue' : 'policy',
): { approval: ApprovalRow; rows: RowChange[] } {
  const approval: ApprovalRow = {
    id: uuidv7(),
    refundRequestId: refund.request.id,
    decision,
    method,
    decidedBy,
    comment: '',
    requestDigest: refund.request.digest,
    deviceId: device.id,
    decidedAt: at,
  };
  return {
    approval,
    rows: [
      rows.of('refundRequests', { ...refund.request, status: decision }),
      rows.of('approvals', approval),
    ],
  };
}

export function labelPrint(r: NewReturn, printedBy: string, at: string): LabelPrintRow {
  return {
    id: uuidv7(),
    returnId: r.ret.id,
    size: '4x6',
    reprint: false,
    reason: null,
    printedBy,
    printedAt: at,
  };
}

/** A tiny real JPEG header is enough: the back office checks length and hash, not pixels. */
export function photo(r: NewReturn, createdBy: string, at: string, bytes: Buffer): PhotoRow {
  return {
    id: uuidv7(),
    returnId: r.ret.id,
    returnLineId: r.lines[0]!.id,
    stage: 'intake',
    mime: 'image/jpeg',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.toString('base64'),
    sizeBytes: bytes.length,
    createdBy,
    createdAt: at,
  };
}
