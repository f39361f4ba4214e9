import { type DemoOrder, type DemoOrderLine } from '../../../shared/demo-data';
import { MARKETPLACES } from '../../../shared/domain/marketplaces';
import { minorToDecimal } from '../client/amounts';
import { SPAPI_MARKETPLACES } from '../marketplaces';

/** An order as the simulator holds it: the demo order plus when Amazon last changed it. */
export interface SimOrder {
  demo: DemoOrder;
  lastUpdatedMs: number;
  /**
   * Fields laid over the order's JSON as served (tests: an enum value Amazon added later, a
   * required field missing — `undefined` drops it).
   */
  overrides?: Record<string, unknown>;
}

/** What the buyer paid for one line, per adjustment component (minor units). */
export interface LinePaid {
  Principal: number;
  Tax: number;
  Shipping: number;
  ShippingTax: number;
}

export function linePaid(line: DemoOrderLine): LinePaid {
  return {
    Principal: line.unitPriceMinor * line.quantity - line.promotionDiscountMinor,
    Tax: line.itemTaxMinor,
    Shipping: line.shippingMinor,
    ShippingTax: line.shippingTaxMinor,
  };
}

const FULFILLMENT_STATUS: Record<DemoOrder['status'], string> = {
  Shipped: 'SHIPPED',
  Delivered: 'SHIPPED',
  Unshipped: 'UNSHIPPED',
  Canceled: 'CANCELLED',
};

/** The Orders API v2026-01-01 `Order` for a simulated order (schema-valid by test). */
export function orderJson(order: SimOrder): Record<string, unknown> {
  const { demo } = order;
  const money = (minor: number) => ({
    amount: minorToDecimal(minor, demo.currency),
    currencyCode: demo.currency,
  });
  const taxIncluded = MARKETPLACES[demo.marketplace].taxIncluded;
  let grandTotal = 0;
  const orderItems = demo.lines.map((line) => {
    const paid = linePaid(line);
    const total = paid.Principal + paid.Shipping + (taxIncluded ? 0 : paid.Tax + paid.ShippingTax);
    grandTotal += total;
    const breakdowns = [
      { type: 'ITEM', subtotal: money(line.unitPriceMinor * line.quantity) },
      ...(line.promotionDiscountMinor > 0
        ? [{ type: 'DISCOUNT', subtotal: money(-line.promotionDiscountMinor) }]
        : []),
      ...(line.shippingMinor > 0
        ? [{ type: 'SHIPPING', subtotal: money(line.shippingMinor) }]
        : []),
      {
        type: 'TAX',
        subtotal: money(paid.Tax + paid.ShippingTax),
        detailedBreakdowns: [
          { subtype: 'ITEM', value: money(paid.Tax) },
          { subtype: 'SHIPPING', value: money(paid.ShippingTax) },
        ],
      },
    ];
    const shipped = demo.status === 'Shipped' || demo.status === 'Delivered';
    return {
      orderItemId: line.orderItemId,
      quantityOrdered: line.quantity,
      product: {
        asin: line.asin,
        title: line.title,
        sellerSku: line.sku,
        condition: { conditionType: 'NEW', conditionSubtype: 'NEW' },
        price: { unitPrice: money(line.unitPriceMinor) },
        ...(line.serialNumber ? { serialNumbers: [line.serialNumber] } : {}),
      },
      proceeds: { proceedsTotal: money(total), breakdowns },
      fulfillment: {
        quantityFulfilled: shipped ? line.quantity : 0,
        quantityUnfulfilled: shipped ? 0 : line.quantity,
      },
    };
  });
  const marketplace = SPAPI_MARKETPLACES[demo.marketplace];
  return {
    orderId: demo.amazonOrderId,
    createdTime: demo.purchasedAt.replace(/\.\d{3}Z$/, 'Z'),
    lastUpdatedTime: new Date(order.lastUpdatedMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    salesChannel: {
      channelName: 'AMAZON',
      marketplaceId: demo.marketplaceId,
      marketplaceName: marketplace.name,
    },
    buyer: { buyerName: demo.buyerName, buyerEmail: demo.buyerEmail },
    recipient: {
      deliveryAddress: {
        city: demo.shipCity,
        postalCode: demo.shipPostalCode,
        countryCode: demo.marketplace === 'UK' ? 'GB' : demo.marketplace,
      },
    },
    proceeds: { grandTotal: money(grandTotal) },
    fulfillment: {
      fulfillmentStatus: FULFILLMENT_STATUS[demo.status],
      fulfilledBy: demo.fulfillment === 'AFN' ? 'AMAZON' : 'MERCHANT',
    },
    orderItems,
    ...(demo.status === 'Shipped' || demo.status === 'Delivered'
      ? {
          packages: [
            {
              packageReferenceId: '1',
              packageStatus: { status: demo.status === 'Delivered' ? 'DELIVERED' : 'IN_TRANSIT' },
              packageItems: demo.lines.map((l) => ({
                orderItemId: l.orderItemId,
                quantity: l.quantity,
              })),
            },
          ],
        }
      : {}),
    ...order.overrides,
  };
}

/** When Amazon last changed the order: delivery, else purchase. */
export function initialLastUpdatedMs(demo: DemoOrder): number {
  return Date.parse(demo.deliveredAt ?? demo.purchasedAt);
}
