import { describe, expect, it } from 'vitest';
import {
  buildOrderAdjustmentFeed,
  validateOrderAdjustmentFeed,
  type RefundAdjustment,
} from './order-adjustment-feed';
import { parseProcessingReport } from './processing-report';
import { parseXmlTree } from './xml-structure';
import { processingReportXml } from '../simulator/feed-processing';

const adjustments: RefundAdjustment[] = [
  {
    refundRequestId: 'req-1',
    amazonOrderId: '111-0000001-0000001',
    orderItemId: '11111111111111',
    currency: 'USD',
    quantity: 1,
    components: { principal: 3999, tax: 320, shipping: 499, shippingTax: 40 },
  },
  {
    refundRequestId: 'req-2',
    amazonOrderId: '111-0000001-0000001',
    orderItemId: '22222222222222',
    currency: 'USD',
    components: { principal: 1500, restockingFee: 300 },
  },
  {
    refundRequestId: 'req-3',
    amazonOrderId: '249-0000002-0000002',
    orderItemId: '33333333333333',
    currency: 'JPY',
    quantity: 2,
    components: { principal: 29800 },
  },
];

describe('Order Adjustment feed', () => {
  const feed = buildOrderAdjustmentFeed('M_RETURNDESK & CO', adjustments);

  it('is well-formed, in the element order of the envelope and OrderAdjustment', () => {
    expect(validateOrderAdjustmentFeed(feed.xml)).toEqual([]);
    const root = parseXmlTree(feed.xml);
    expect(root.children.map((c) => c.name)).toEqual([
      'Header',
      'MessageType',
      'Message',
      'Message',
    ]);
    const firstItem = root.children[2]!.children[1]!.children[2]!;
    expect(firstItem.children.map((c) => c.name)).toEqual([
      'AmazonOrderItemCode',
      'MerchantAdjustmentItemID',
      'AdjustmentReason',
      'ItemPriceAdjustments',
      'Quantity',
    ]);
    expect(firstItem.children[3]!.children.map((c) => c.children[0]!.text)).toEqual([
      'Principal',
      'Tax',
      'Shipping',
      'ShippingTax',
    ]);
  });

  it('groups one Message per order and writes major units with the currency', () => {
    expect(feed.messages).toEqual([
      { messageId: 1, amazonOrderId: '111-0000001-0000001', refundRequestIds: ['req-1', 'req-2'] },
      { messageId: 2, amazonOrderId: '249-0000002-0000002', refundRequestIds: ['req-3'] },
    ]);
    expect(feed.xml).toContain('<Amount currency="USD">39.99</Amount>');
    expect(feed.xml).toContain('<Type>RestockingFee</Type><Amount currency="USD">3.00</Amount>');
    expect(feed.xml).toContain('<Amount currency="JPY">29800</Amount>');
    expect(feed.xml).toContain('<MerchantIdentifier>M_RETURNDESK &amp; CO</MerchantIdentifier>');
    expect(feed.xml).toContain('<AdjustmentReason>CustomerReturn</AdjustmentReason>');
  });

  it('refuses duplicates, empty and negative refunds before anything is sent', () => {
    expect(() => buildOrderAdjustmentFeed('M', [adjustments[0]!, adjustments[0]!])).toThrow(
      /twice/,
    );
    expect(() => buildOrderAdjustmentFeed('M', [{ ...adjustments[0]!, components: {} }])).toThrow(
      /no amounts/,
    );
    expect(() =>
      buildOrderAdjustmentFeed('M', [{ ...adjustments[0]!, components: { principal: -1 } }]),
    ).toThrow(/>= 0/);
    expect(() => buildOrderAdjustmentFeed('M', [])).toThrow(/at least one/);
  });

  it('the structural check catches missing, misplaced and unknown elements', () => {
    const noReason = feed.xml.replace('<AdjustmentReason>CustomerReturn</AdjustmentReason>', '');
    expect(validateOrderAdjustmentFeed(noReason)).toEqual([
      expect.stringMatching(/missing AdjustmentReason/),
    ]);
    const swapped = feed.xml
      .replace('<MessageType>OrderAdjustment</MessageType>', '')
      .replace('<Header>', '<MessageType>OrderAdjustment</MessageType><Header>');
    expect(validateOrderAdjustmentFeed(swapped).length).toBeGreaterThan(0);
    expect(validateOrderAdjustmentFeed(feed.xml.replace('CustomerReturn', 'Whim'))).toEqual([
      'unknown AdjustmentReason Whim',
    ]);
    expect(validateOrderAdjustmentFeed(feed.xml.slice(0, -30))[0]).toMatch(/not well-formed/);
  });
});

describe('processing report parser', () => {
  const feed = buildOrderAdjustmentFeed('M', adjustments);

  it('maps a rejection naming an item to that item only', () => {
    const xml = processingReportXml('F1', 'Complete', 2, 1, [
      {
        messageId: 1,
        code: 'Error',
        messageCode: '18028',
        description: 'Duplicate',
        merchantAdjustmentItemId: 'req-2',
      },
    ]);
    const parsed = parseProcessingReport(xml, feed);
    expect(parsed.summary).toEqual({ processed: 2, successful: 1, withError: 1, withWarning: 0 });
    expect(parsed.items.map((i) => [i.refundRequestId, i.outcome])).toEqual([
      ['req-1', 'accepted'],
      ['req-2', 'rejected'],
      ['req-3', 'accepted'],
    ]);
    expect(parsed.items[1]?.messages).toEqual([
      { severity: 'Error', code: '18028', description: 'Duplicate' },
    ]);
  });

  it('a message-level error rejects every item of that message; a warning rejects nothing', () => {
    const xml = processingReportXml('F1', 'Complete', 2, 1, [
      { messageId: 1, code: 'Error', messageCode: '5001', description: 'Order not refundable' },
      { messageId: 2, code: 'Warning', messageCode: '9', description: 'Rounded' },
    ]);
    const outcomes = parseProcessingReport(xml, feed).items.map((i) => i.outcome);
    expect(outcomes).toEqual(['rejected', 'rejected', 'accepted']);
  });

  it('an incomplete report rejects everything, and garbage is a typed error', () => {
    const xml = processingReportXml('F1', 'Incomplete', 0, 0, []);
    expect(parseProcessingReport(xml, feed).items.every((i) => i.outcome === 'rejected')).toBe(
      true,
    );
    expect(() => parseProcessingReport('<html>oops', feed)).toThrow(/unreadable/);
    expect(() => parseProcessingReport('<AmazonEnvelope/>', feed)).toThrow(
      /not a processing report/,
    );
  });
});
