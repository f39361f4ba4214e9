import type {
  CallOutput,
  OrderDetail,
  PrintJob,
  RefundRequest,
  ReturnDetail,
} from '../../shared/contracts';
import type { Verdict } from '../features/intake/Verdict';
import { DEVICE, STORE_ID } from './fakeBridge';

/** Data for the returns screens' component tests (shapes as the contracts define them). */

export const ORDER_ID = '0190a000-0000-7000-8000-00000000f001';
export const LINE_A = '0190a000-0000-7000-8000-00000000a001';
export const LINE_B = '0190a000-0000-7000-8000-00000000a002';
export const RETURN_ID = '0190a000-0000-7000-8000-00000000c001';
export const RETURN_LINE = '0190a000-0000-7000-8000-00000000c101';
export const REFUND_ID = '0190a000-0000-7000-8000-00000000d001';
export const AMAZON_ORDER_ID = '113-1234567-7654321';
export const RMA = 'NY01-B-261121-0001';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' as const });

export function orderLine(overrides: Partial<OrderDetail['lines'][number]> = {}) {
  return {
    id: LINE_A,
    orderItemId: '12345678901234',
    sku: 'EL-HEADPHONES-01',
    asin: 'B0TEST0001',
    title: 'Wireless Headphones',
    category: 'electronics',
    quantity: 3,
    returnedQuantity: 1,
    paid: usd(24000),
    refundedOrRequested: usd(8000),
    unitPrice: usd(8000),
    hasSerial: true,
    environmentalTags: ['WEEE', 'BATTERY'],
    ...overrides,
  };
}

/** Two lines: the headphones (2 of 3 left) and a book returned in full already. */
export function order(overrides: Partial<OrderDetail> = {}): OrderDetail {
  return {
    id: ORDER_ID,
    amazonOrderId: AMAZON_ORDER_ID,
    marketplace: 'US',
    currency: 'USD',
    purchasedAt: '2026-11-01T15:00:00.000Z',
    deliveredAt: '2026-11-04T18:00:00.000Z',
    status: 'Delivered',
    buyerName: 'J*** D***',
    buyerEmail: 'j***@example.com',
    lines: [
      orderLine(),
      orderLine({
        id: LINE_B,
        sku: 'BK-NOVEL-01',
        asin: 'B0TEST0002',
        title: 'A Paperback Novel',
        category: 'books_media',
        quantity: 1,
        returnedQuantity: 1,
        paid: usd(1500),
        refundedOrRequested: usd(1500),
        unitPrice: usd(1500),
        hasSerial: false,
        environmentalTags: [],
      }),
    ],
    returns: [],
    ...overrides,
  };
}

export function verdict(overrides: Partial<Verdict> = {}): Verdict {
  return {
    eligible: true,
    overridable: true,
    withinWindow: true,
    returnBy: '2026-12-04',
    reasons: [{ code: 'IN_WINDOW', params: { returnBy: '2026-12-04' } }],
    restockingFeeBps: 0,
    photoRequired: false,
    policyId: 'us-2026.1',
    policyVersion: 1,
    ...overrides,
  };
}

export const LATE: Partial<Verdict> = {
  eligible: false,
  withinWindow: false,
  returnBy: '2026-10-01',
  reasons: [{ code: 'OUTSIDE_WINDOW', params: { returnBy: '2026-10-01', daysLate: 12 } }],
};

export function breakdown(totalMinor: number) {
  return {
    currency: 'USD',
    itemMinor: totalMinor,
    itemTaxMinor: 0,
    shippingMinor: 0,
    shippingTaxMinor: 0,
    restockingFeeMinor: 0,
    totalMinor,
  };
}

/** `returns.assess` answering every line with the same verdict, 80.00 a unit. */
export function assessAnswer(
  input: { lines: { orderLineId: string; quantity: number }[] },
  v: Partial<Verdict> = {},
): CallOutput<'returns.assess'> {
  const lines = input.lines.map((l) => ({
    orderLineId: l.orderLineId,
    verdict: verdict(v),
    refund: breakdown(8000 * l.quantity),
  }));
  const total = lines.reduce((sum, l) => sum + l.refund.totalMinor, 0);
  return {
    lines,
    total: breakdown(total),
    approval:
      total >= 5000
        ? {
            decision: 'needs_manager',
            reasons: [
              {
                code: 'ABOVE_THRESHOLD',
                params: { thresholdMinor: 5000, amountMinor: total, currency: 'USD' },
              },
            ],
          }
        : { decision: 'auto_approved', reasons: [] },
    riskSignals: [],
  };
}

export function refundRequest(overrides: Partial<RefundRequest> = {}): RefundRequest {
  return {
    id: REFUND_ID,
    returnId: RETURN_ID,
    rmaNumber: RMA,
    storeCode: 'NY01',
    status: 'pending_approval',
    decision: 'needs_manager',
    decisionReasons: [
      {
        code: 'ABOVE_THRESHOLD',
        params: { thresholdMinor: 5000, amountMinor: 8000, currency: 'USD' },
      },
      { code: 'SERIAL_RETURNER', params: { returns: 3, days: 90 } },
    ],
    riskSignals: [{ code: 'SERIAL_RETURNER', params: { returns: 3, days: 90 } }],
    amount: breakdown(8000),
    adjustmentReason: null,
    policyId: 'approval-2026.1',
    policyVersion: 1,
    requestedBy: 'Alice Chen',
    requestedAt: '2026-11-21T15:05:00.000Z',
    lines: [
      {
        returnLineId: RETURN_LINE,
        title: 'Wireless Headphones',
        units: 1,
        amount: breakdown(8000),
      },
    ],
    approval: null,
    ...overrides,
  };
}

export function returnDetail(overrides: Partial<ReturnDetail> = {}): ReturnDetail {
  return {
    id: RETURN_ID,
    rmaNumber: RMA,
    status: 'open',
    storeId: STORE_ID,
    storeCode: 'NY01',
    createdAt: '2026-11-21T15:00:00.000Z',
    createdBy: 'Alice Chen',
    customerComment: '',
    override: null,
    policy: { id: 'us-2026.1', version: 1 },
    order: {
      id: ORDER_ID,
      amazonOrderId: AMAZON_ORDER_ID,
      marketplace: 'US',
      currency: 'USD',
      buyerName: 'J*** D***',
    },
    lines: [
      {
        id: RETURN_LINE,
        orderLineId: LINE_A,
        sku: 'EL-HEADPHONES-01',
        asin: 'B0TEST0001',
        title: 'Wireless Headphones',
        category: 'electronics',
        quantity: 1,
        reasonCode: 'DEFECTIVE',
        comment: '',
        opened: true,
        damaged: false,
        missingParts: false,
        eligibility: verdict(),
        restockingFeeBps: 0,
        state: 'received',
        disposition: null,
        environmentalTags: ['WEEE', 'BATTERY'],
        hasSerial: true,
        checklist: [
          { id: 'matches_order', labelKey: 'returns.qc.check.matches_order' },
          { id: 'powers_on', labelKey: 'returns.qc.check.powers_on' },
        ],
        qc: null,
      },
    ],
    photos: [],
    refunds: [],
    labelPrints: [],
    timeline: [
      {
        seq: 41,
        at: '2026-11-21T15:00:00.000Z',
        action: 'returns.create',
        username: 'alice',
        deviceId: DEVICE.id,
        entityType: 'return',
        entityId: RETURN_ID,
      },
    ],
    ...overrides,
  };
}

export const PRINT_JOB_ID = '0190a000-0000-7000-8000-00000000b001';

/** The RMA label job `labels.print` queued for this till's network Zebra printer. */
export function printJob(overrides: Partial<PrintJob> = {}): PrintJob {
  return {
    id: PRINT_JOB_ID,
    kind: 'rma_label',
    status: 'queued',
    target: { kind: 'zpl', host: '10.0.0.50', port: 9100, dpmm: 8, size: '4x6' },
    returnId: RETURN_ID,
    rmaNumber: RMA,
    manifestId: null,
    labelPrintId: '0190a000-0000-7000-8000-00000000b101',
    attempts: 0,
    lastError: null,
    nextAttemptAt: null,
    createdAt: '2026-11-21T15:10:00.000Z',
    updatedAt: '2026-11-21T15:10:00.000Z',
    printedAt: null,
    ...overrides,
  };
}
