import { isKnownCurrency, decimalToMinor } from './amounts';
import { type SpApiTransport } from './http';
import { listFinancialEventsResponseSchema, type ShipmentEvent } from './schemas';

/** One refunded order line as Amazon's financial events show it, in minor units. */
export interface RefundedLine {
  amazonOrderId: string;
  orderItemId: string | null;
  /** Amazon's id of the adjustment item; `MerchantAdjustmentItemID` is not echoed here. */
  orderAdjustmentItemId: string | null;
  postedDate: string | null;
  currency: string;
  /** ChargeType → amount; refunds are negative (money leaving the seller). */
  charges: Record<string, number>;
  /** Sum of the charges: negative for a refund. */
  totalMinor: number;
}

/**
 * Finances API v0 `listFinancialEventsByOrderId`. Chosen over 2024-06-19 `listTransactions`
 * because it is keyed by the order in the path (one call answers "what has this order been
 * refunded?"), its RefundEventList is broken down per order item with the same charge types as
 * the Order Adjustment feed (Principal, Tax, Shipping, ShippingTax, RestockingFee), and its
 * burst is 30 rather than 10. It is not deprecated. Events can lag 48 hours behind the refund.
 */
export class FinancesApi {
  constructor(private readonly transport: SpApiTransport) {}

  async listRefundEventsByOrderId(orderId: string): Promise<ShipmentEvent[]> {
    const events: ShipmentEvent[] = [];
    let nextToken: string | undefined;
    do {
      const { data } = await this.transport.call({
        operation: 'listFinancialEventsByOrderId',
        pathParams: { orderId },
        query: { MaxResultsPerPage: 100, NextToken: nextToken },
        response: listFinancialEventsResponseSchema,
      });
      events.push(...(data.payload?.FinancialEvents?.RefundEventList ?? []));
      nextToken = data.payload?.NextToken;
    } while (nextToken);
    return events;
  }

  async refundedLines(orderId: string): Promise<RefundedLine[]> {
    return refundedLinesOf(await this.listRefundEventsByOrderId(orderId));
  }
}

export function refundedLinesOf(events: readonly ShipmentEvent[]): RefundedLine[] {
  const lines: RefundedLine[] = [];
  for (const event of events) {
    for (const item of event.ShipmentItemAdjustmentList ?? []) {
      const charges: Record<string, number> = {};
      let currency = '';
      for (const charge of item.ItemChargeAdjustmentList ?? []) {
        const code = charge.ChargeAmount?.CurrencyCode ?? '';
        const amount = charge.ChargeAmount?.CurrencyAmount;
        if (!charge.ChargeType || amount === undefined || !isKnownCurrency(code)) continue;
        currency = code;
        charges[charge.ChargeType] =
          (charges[charge.ChargeType] ?? 0) + decimalToMinor(amount, code);
      }
      lines.push({
        amazonOrderId: event.AmazonOrderId ?? '',
        orderItemId: item.OrderItemId ?? null,
        orderAdjustmentItemId: item.OrderAdjustmentItemId ?? null,
        postedDate: event.PostedDate ?? null,
        currency,
        charges,
        totalMinor: Object.values(charges).reduce((a, b) => a + b, 0),
      });
    }
  }
  return lines;
}
