import { prngFromString } from '../../../shared/demo-data/prng';
import { minorToDecimal } from '../client/amounts';
import { REPORT_COLUMNS, type ReportType } from '../client/report-types';
import { SPAPI_MARKETPLACES } from '../marketplaces';
import { type LedgerEntry } from './ledger';
import { linePaid, type SimOrder } from './order-json';

/** Customer return reasons (RETURNS-DOMAIN.md), a few of them, as reports carry them. */
const REASONS = [
  'DEFECTIVE',
  'NOT_AS_DESCRIBED',
  'UNWANTED_ITEM',
  'APPAREL_TOO_SMALL',
  'ORDERED_WRONG_ITEM',
  'DAMAGED_BY_CARRIER',
];
const DISPOSITIONS = ['SELLABLE', 'CUSTOMER_DAMAGED', 'DEFECTIVE', 'CARRIER_DAMAGED'];
/** Share of delivered orders the simulated buyers send back. */
const RETURN_SHARE = 0.12;

export interface ReportWindow {
  marketplaceIds: readonly string[];
  startMs: number;
  endMs: number;
}

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
const tsv = (type: ReportType, rows: Record<string, string | number>[]) => {
  const columns: readonly string[] = REPORT_COLUMNS[type];
  // Amazon's flat files never carry tabs or newlines inside a field.
  const clean = (v: string | number | undefined) => String(v ?? '').replace(/[\t\r\n]+/g, ' ');
  return (
    [columns.join('\t'), ...rows.map((r) => columns.map((c) => clean(r[c])).join('\t'))].join(
      '\n',
    ) + '\n'
  );
};

/** Whether, when and why a delivered order comes back: fixed per order (seeded by its id). */
function simulatedReturn(
  order: SimOrder,
): { returnMs: number; reason: string; disposition: string } | null {
  if (!order.demo.deliveredAt || order.demo.status !== 'Delivered') return null;
  const rng = prngFromString(`return:${order.demo.amazonOrderId}`);
  if (!rng.chance(RETURN_SHARE)) return null;
  return {
    returnMs: Date.parse(order.demo.deliveredAt) + rng.int(1, 20) * 86_400_000,
    reason: rng.pick(REASONS),
    disposition: rng.pick(DISPOSITIONS),
  };
}

export function buildReport(
  type: ReportType,
  window: ReportWindow,
  orders: readonly SimOrder[],
  ledger: readonly LedgerEntry[],
  nowMs: number,
): string {
  const inMarketplaces = (o: SimOrder) => window.marketplaceIds.includes(o.demo.marketplaceId);
  const inWindow = (ms: number) => ms >= window.startMs && ms <= Math.min(window.endMs, nowMs);
  switch (type) {
    case 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL':
      return tsv(
        type,
        orders
          .filter((o) => inMarketplaces(o) && inWindow(o.lastUpdatedMs))
          .flatMap((o) =>
            o.demo.lines.map((line) => {
              // Amazon leaves prices empty while an order is pending: the sync must getOrder it.
              const priced = o.demo.status !== 'Unshipped';
              const money = (minor: number) =>
                priced ? minorToDecimal(minor, o.demo.currency) : '';
              return {
                'amazon-order-id': o.demo.amazonOrderId,
                'purchase-date': isoSeconds(Date.parse(o.demo.purchasedAt)),
                'last-updated-date': isoSeconds(o.lastUpdatedMs),
                'order-status':
                  o.demo.status === 'Unshipped'
                    ? 'Pending'
                    : o.demo.status === 'Canceled'
                      ? 'Cancelled'
                      : 'Shipped',
                'fulfillment-channel': o.demo.fulfillment === 'AFN' ? 'Amazon' : 'Merchant',
                'sales-channel': SPAPI_MARKETPLACES[o.demo.marketplace].name,
                'product-name': line.title,
                sku: line.sku,
                asin: line.asin,
                'item-status':
                  o.demo.status === 'Canceled'
                    ? 'Cancelled'
                    : o.demo.status === 'Unshipped'
                      ? 'Unshipped'
                      : 'Shipped',
                quantity: line.quantity,
                currency: priced ? o.demo.currency : '',
                'item-price': money(line.unitPriceMinor * line.quantity),
                'item-tax': money(line.itemTaxMinor),
                'shipping-price': money(line.shippingMinor),
                'shipping-tax': money(line.shippingTaxMinor),
                'item-promotion-discount': money(line.promotionDiscountMinor),
                'ship-city': o.demo.shipCity,
                'ship-postal-code': o.demo.shipPostalCode,
                'ship-country': o.demo.marketplace === 'UK' ? 'GB' : o.demo.marketplace,
              };
            }),
          ),
      );
    case 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE':
    case 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA': {
      const fba = type === 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA';
      const rows = orders
        .filter((o) => inMarketplaces(o) && (o.demo.fulfillment === 'AFN') === fba)
        .flatMap((o): Record<string, string | number>[] => {
          const returned = simulatedReturn(o);
          const line = o.demo.lines[0];
          if (!returned || !line || !inWindow(returned.returnMs)) return [];
          const refunded = ledger
            .filter((e) => e.amazonOrderId === o.demo.amazonOrderId)
            .reduce((s, e) => s + e.refundedMinor, 0);
          const paid = linePaid(line);
          return [
            fba
              ? {
                  'return-date': isoSeconds(returned.returnMs),
                  'order-id': o.demo.amazonOrderId,
                  sku: line.sku,
                  asin: line.asin,
                  fnsku: `X00${line.asin.slice(-7)}`,
                  'product-name': line.title,
                  quantity: 1,
                  'fulfillment-center-id': 'SIM1',
                  'detailed-disposition': returned.disposition,
                  reason: returned.reason,
                  status: 'Unit returned to inventory',
                  'license-plate-number': `LPN${o.demo.amazonOrderId.replace(/-/g, '').slice(-10)}`,
                  'customer-comments': '',
                }
              : {
                  'Order ID': o.demo.amazonOrderId,
                  'Order date': o.demo.purchasedAt.slice(0, 10),
                  'Return request date': new Date(returned.returnMs).toISOString().slice(0, 10),
                  'Return request status': 'Approved',
                  'Amazon RMA ID': `D${o.demo.amazonOrderId.replace(/-/g, '').slice(-9)}`,
                  'Label type': 'AmazonPrePaidLabel',
                  'Currency code': o.demo.currency,
                  'Is prime': 'N',
                  ASIN: line.asin,
                  'Merchant SKU': line.sku,
                  'Item Name': line.title,
                  'Return quantity': 1,
                  'Return Reason': returned.reason,
                  'In policy': 'Y',
                  'Return type': 'C-Returns',
                  'Order Amount': minorToDecimal(paid.Principal + paid.Tax, o.demo.currency),
                  'Order quantity': line.quantity,
                  'Refunded Amount': minorToDecimal(refunded, o.demo.currency),
                },
          ];
        });
      return tsv(type, rows);
    }
    case 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2': {
      // Amazon's settlement ids are unique per seller account and marketplace.
      const marketplaceNo = Object.values(SPAPI_MARKETPLACES).findIndex((m) =>
        window.marketplaceIds.includes(m.id),
      );
      const settlementId = String(Math.floor(window.startMs / 1000) * 100 + marketplaceNo + 1);
      const entries = ledger.filter((e) => inWindow(e.appliedAtMs));
      const currency = entries[0]?.currency ?? 'USD';
      const total = -entries.reduce((s, e) => s + e.refundedMinor, 0);
      const rows = entries.flatMap((e) =>
        Object.entries(e.components).map(([type, amount]) => ({
          'settlement-id': settlementId,
          'transaction-type': 'Refund',
          'order-id': e.amazonOrderId,
          'adjustment-id': e.feedId,
          'marketplace-name': 'Amazon',
          'amount-type': 'ItemPrice',
          'amount-description': type,
          amount: minorToDecimal(type === 'RestockingFee' ? amount : -amount, e.currency as 'USD'),
          'posted-date': new Date(e.appliedAtMs).toISOString().slice(0, 10),
          'posted-date-time': isoSeconds(e.appliedAtMs),
          'order-item-code': e.orderItemId,
          'merchant-adjustment-item-id': e.merchantAdjustmentItemId,
        })),
      );
      return tsv(type, [
        {
          'settlement-id': settlementId,
          'settlement-start-date': isoSeconds(window.startMs),
          'settlement-end-date': isoSeconds(window.endMs),
          'deposit-date': isoSeconds(window.endMs + 86_400_000),
          'total-amount': minorToDecimal(total, currency as 'USD'),
          currency,
        },
        ...rows,
      ]);
    }
  }
}
