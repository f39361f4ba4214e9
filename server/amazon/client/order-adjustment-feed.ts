import { type Currency } from '../../../shared/domain/money';
import { minorToDecimal } from './amounts';
import { checkStructure, parseXmlTree, type StructureSpec, type XmlNode } from './xml-structure';

/**
 * The Order Adjustment feed (POST_PAYMENT_ADJUSTMENT_DATA), built from what
 * shared/spapi-models/ORDER-ADJUSTMENT.md records of Amazon's OrderAdjustment.xsd.
 */

/** One refund of one order line. */
export interface RefundAdjustment {
  /** Our refund request id, sent as MerchantAdjustmentItemID: Amazon's idempotency handle. */
  refundRequestId: string;
  amazonOrderId: string;
  /** Amazon's OrderItemId (AmazonOrderItemCode in the feed). */
  orderItemId: string;
  currency: Currency;
  /** Units taken back (informational for Amazon; omitted when not known). */
  quantity?: number;
  /**
   * Amounts refunded, in minor units, all >= 0. `restockingFee` is what we keep back; it is sent
   * as a positive RestockingFee component (sign convention unconfirmed, ORDER-ADJUSTMENT.md).
   */
  components: Partial<Record<AdjustmentComponentKey, number>>;
}

export const ADJUSTMENT_COMPONENTS = {
  principal: 'Principal',
  tax: 'Tax',
  shipping: 'Shipping',
  shippingTax: 'ShippingTax',
  restockingFee: 'RestockingFee',
} as const;
export type AdjustmentComponentKey = keyof typeof ADJUSTMENT_COMPONENTS;

export const ADJUSTMENT_REASONS = [
  'NoInventory',
  'CustomerReturn',
  'GeneralAdjustment',
  'CouldNotShip',
  'DifferentItem',
  'Abandoned',
  'CustomerCancel',
  'PriceError',
  'ProductOutofStock',
  'CustomerAddressIncorrect',
  'Exchange',
  'Other',
  'CarrierCreditDecision',
  'RiskAssessmentInformationNotValid',
  'CarrierCoverageFailure',
  'TransactionRecord',
  'Undeliverable',
  'RefusedDelivery',
] as const;

export const COMPONENT_TYPES = [
  'Principal',
  'Shipping',
  'Tax',
  'ShippingTax',
  'RestockingFee',
  'RestockingFeeTax',
  'GiftWrap',
  'GiftWrapTax',
  'Surcharge',
  'ReturnShipping',
  'Goodwill',
  'ExportCharge',
  'COD',
  'CODTax',
  'Other',
  'FreeReplacementReturnShipping',
] as const;

const one = (...names: string[]) => ({ names, min: 1, max: 1 });
const optional = (...names: string[]) => ({ names, min: 0, max: 1 });
const many = (...names: string[]) => ({ names, min: 1, max: Infinity });

/** Element order of the envelope and the OrderAdjustment message. */
export const ORDER_ADJUSTMENT_STRUCTURE: StructureSpec = {
  AmazonEnvelope: [one('Header'), one('MessageType'), many('Message')],
  Header: [one('DocumentVersion'), one('MerchantIdentifier')],
  Message: [one('MessageID'), optional('OperationType'), one('OrderAdjustment')],
  OrderAdjustment: [
    one('AmazonOrderID', 'MerchantOrderID'),
    optional('ActionType'),
    many('AdjustedItem'),
  ],
  AdjustedItem: [
    one('AmazonOrderItemCode', 'MerchantOrderItemID'),
    optional('MerchantAdjustmentItemID'),
    one('AdjustmentReason'),
    optional('ItemPriceAdjustments'),
    optional('PromotionAdjustments'),
    optional('DirectPaymentAdjustments'),
    optional('QuantityCancelled'),
    optional('Quantity'),
  ],
  ItemPriceAdjustments: [many('Component')],
  Component: [one('Type'), one('Amount')],
};

/** The feed and, per MessageID, which refund requests it carries (for the processing report). */
export interface BuiltOrderAdjustmentFeed {
  xml: string;
  messages: { messageId: number; amazonOrderId: string; refundRequestIds: string[] }[];
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** One Message per order (ORDER-ADJUSTMENT.md), one AdjustedItem per refund of a line. */
export function buildOrderAdjustmentFeed(
  merchantIdentifier: string,
  adjustments: readonly RefundAdjustment[],
): BuiltOrderAdjustmentFeed {
  if (adjustments.length === 0)
    throw new RangeError('an adjustment feed needs at least one refund');
  const ids = new Set<string>();
  const byOrder = new Map<string, RefundAdjustment[]>();
  for (const adjustment of adjustments) {
    if (ids.has(adjustment.refundRequestId)) {
      throw new RangeError(`refund ${adjustment.refundRequestId} is in the feed twice`);
    }
    ids.add(adjustment.refundRequestId);
    const components = Object.entries(adjustment.components).filter(([, v]) => v !== undefined);
    if (components.length === 0)
      throw new RangeError(`refund ${adjustment.refundRequestId} has no amounts`);
    for (const [key, value] of components) {
      if (!Number.isSafeInteger(value) || (value as number) < 0) {
        throw new RangeError(
          `refund ${adjustment.refundRequestId}: ${key} must be a whole amount >= 0`,
        );
      }
    }
    byOrder.set(adjustment.amazonOrderId, [
      ...(byOrder.get(adjustment.amazonOrderId) ?? []),
      adjustment,
    ]);
  }

  const messages: BuiltOrderAdjustmentFeed['messages'] = [];
  const messageXml: string[] = [];
  for (const [amazonOrderId, items] of byOrder) {
    const messageId = messages.length + 1;
    messages.push({
      messageId,
      amazonOrderId,
      refundRequestIds: items.map((i) => i.refundRequestId),
    });
    const itemXml = items.map((item) => {
      const components = (Object.keys(ADJUSTMENT_COMPONENTS) as AdjustmentComponentKey[])
        .filter((key) => item.components[key] !== undefined)
        .map(
          (key) =>
            `<Component><Type>${ADJUSTMENT_COMPONENTS[key]}</Type>` +
            `<Amount currency="${item.currency}">${minorToDecimal(item.components[key] as number, item.currency)}</Amount></Component>`,
        )
        .join('');
      return (
        `<AdjustedItem><AmazonOrderItemCode>${escapeXml(item.orderItemId)}</AmazonOrderItemCode>` +
        `<MerchantAdjustmentItemID>${escapeXml(item.refundRequestId)}</MerchantAdjustmentItemID>` +
        `<AdjustmentReason>CustomerReturn</AdjustmentReason>` +
        `<ItemPriceAdjustments>${components}</ItemPriceAdjustments>` +
        (item.quantity === undefined ? '' : `<Quantity>${item.quantity}</Quantity>`) +
        `</AdjustedItem>`
      );
    });
    messageXml.push(
      `<Message><MessageID>${messageId}</MessageID><OrderAdjustment>` +
        `<AmazonOrderID>${escapeXml(amazonOrderId)}</AmazonOrderID><ActionType>Refund</ActionType>` +
        `${itemXml.join('')}</OrderAdjustment></Message>`,
    );
  }
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">` +
    `<Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>${escapeXml(merchantIdentifier)}</MerchantIdentifier></Header>` +
    `<MessageType>OrderAdjustment</MessageType>${messageXml.join('')}</AmazonEnvelope>\n`;
  return { xml, messages };
}

/** Structure plus the values we know the XSD restricts; empty list when the feed is fine. */
export function validateOrderAdjustmentFeed(xml: string): string[] {
  let root: XmlNode;
  try {
    root = parseXmlTree(xml);
  } catch (error) {
    return [String(error instanceof Error ? error.message : error)];
  }
  if (root.name !== 'AmazonEnvelope') return [`root is <${root.name}>, not <AmazonEnvelope>`];
  const problems = checkStructure(root, ORDER_ADJUSTMENT_STRUCTURE);
  const visit = (node: XmlNode): void => {
    if (node.name === 'MessageType' && node.text !== 'OrderAdjustment') {
      problems.push(`MessageType is ${node.text}`);
    }
    if (node.name === 'MessageID' && !/^\d+$/.test(node.text))
      problems.push(`MessageID ${node.text}`);
    if (
      node.name === 'AdjustmentReason' &&
      !(ADJUSTMENT_REASONS as readonly string[]).includes(node.text)
    ) {
      problems.push(`unknown AdjustmentReason ${node.text}`);
    }
    if (node.name === 'Type' && !(COMPONENT_TYPES as readonly string[]).includes(node.text)) {
      problems.push(`unknown component Type ${node.text}`);
    }
    if (node.name === 'Amount') {
      if (!/^-?\d+(\.\d+)?$/.test(node.text)) problems.push(`Amount ${node.text} is not a decimal`);
      if (!/^[A-Z]{3}$/.test(node.attributes.currency ?? ''))
        problems.push('Amount without currency');
    }
    node.children.forEach(visit);
  };
  visit(root);
  return problems;
}
