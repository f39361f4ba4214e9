import { parseXmlTree, type XmlNode } from '../client/xml-structure';
import { validateOrderAdjustmentFeed } from '../client/order-adjustment-feed';
import { decimalToMinor, isKnownCurrency } from '../client/amounts';
import { escapeXml } from '../client/order-adjustment-feed';
import { type RefundLedger } from './ledger';
import { linePaid, type SimOrder } from './order-json';

interface ResultLine {
  messageId: number;
  code: 'Error' | 'Warning';
  messageCode: string;
  description: string;
  amazonOrderId?: string;
  merchantAdjustmentItemId?: string;
}

export interface FeedOutcome {
  processingStatus: 'DONE' | 'FATAL';
  reportXml: string;
}

const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name);
const text = (n: XmlNode | undefined, name: string) => (n ? (child(n, name)?.text ?? '') : '');

/**
 * Processes an Order Adjustment feed as Amazon would: a malformed document is FATAL; otherwise
 * each AdjustedItem is applied to the ledger (or rejected: unknown order or line, duplicate
 * MerchantAdjustmentItemID, more than was paid), and a processing report says which.
 */
export function processOrderAdjustmentFeed(
  feedId: string,
  xml: string,
  orders: ReadonlyMap<string, SimOrder>,
  ledger: RefundLedger,
  nowMs: number,
  fault: 'feed-fatal' | 'feed-item-error' | null,
): FeedOutcome {
  const problems =
    fault === 'feed-fatal'
      ? ['simulated fatal processing error']
      : validateOrderAdjustmentFeed(xml);
  if (problems.length > 0) {
    const results = problems.slice(0, 20).map((p): ResultLine => ({
      messageId: 0,
      code: 'Error',
      messageCode: '5000',
      description: p,
    }));
    return {
      processingStatus: 'FATAL',
      reportXml: processingReportXml(feedId, 'Complete', 0, 0, results),
    };
  }
  const root = parseXmlTree(xml);
  const results: ResultLine[] = [];
  const messages = root.children.filter((c) => c.name === 'Message');
  let failedMessages = 0;
  for (const message of messages) {
    const messageId = Number(text(message, 'MessageID'));
    const adjustment = child(message, 'OrderAdjustment') as XmlNode;
    const amazonOrderId = text(adjustment, 'AmazonOrderID');
    const order = orders.get(amazonOrderId);
    let failed = false;
    for (const item of adjustment.children.filter((c) => c.name === 'AdjustedItem')) {
      const merchantAdjustmentItemId = text(item, 'MerchantAdjustmentItemID');
      const orderItemId = text(item, 'AmazonOrderItemCode');
      const reject = (messageCode: string, description: string) => {
        failed = true;
        results.push({
          messageId,
          code: 'Error',
          messageCode,
          description,
          amazonOrderId,
          merchantAdjustmentItemId,
        });
      };
      if (fault === 'feed-item-error') {
        reject('8001', 'Simulated processing error for this item.');
        continue;
      }
      const line = order?.demo.lines.find((l) => l.orderItemId === orderItemId);
      if (!order || !line) {
        reject('18004', `Order ${amazonOrderId} has no item ${orderItemId}.`);
        continue;
      }
      const components: Record<string, number> = {};
      let badAmount = '';
      for (const component of child(item, 'ItemPriceAdjustments')?.children ?? []) {
        const amount = child(component, 'Amount');
        const currency = amount?.attributes.currency ?? '';
        if (currency !== order.demo.currency || !isKnownCurrency(currency)) {
          badAmount = `currency ${currency} is not the order's ${order.demo.currency}`;
          break;
        }
        try {
          const minor = decimalToMinor(amount?.text ?? '', currency);
          if (minor < 0) throw new RangeError('negative');
          const type = text(component, 'Type');
          components[type] = (components[type] ?? 0) + minor;
        } catch {
          badAmount = `amount ${amount?.text ?? ''} is not valid for ${currency}`;
          break;
        }
      }
      if (badAmount) {
        reject('18006', badAmount);
        continue;
      }
      const decision = ledger.apply(
        {
          merchantAdjustmentItemId,
          amazonOrderId,
          orderItemId,
          currency: order.demo.currency,
          components,
          feedId,
          appliedAtMs: nowMs,
        },
        linePaid(line),
      );
      if (!decision.ok) reject(decision.code, decision.description);
    }
    if (failed) failedMessages++;
  }
  return {
    processingStatus: 'DONE',
    reportXml: processingReportXml(
      feedId,
      'Complete',
      messages.length,
      messages.length - failedMessages,
      results,
    ),
  };
}

export function processingReportXml(
  feedId: string,
  statusCode: string,
  processed: number,
  successful: number,
  results: readonly ResultLine[],
): string {
  const withError = new Set(results.filter((r) => r.code === 'Error').map((r) => r.messageId)).size;
  const resultXml = results
    .map(
      (r) =>
        `<Result><MessageID>${r.messageId}</MessageID><ResultCode>${r.code}</ResultCode>` +
        `<ResultMessageCode>${r.messageCode}</ResultMessageCode><ResultDescription>${escapeXml(r.description)}</ResultDescription>` +
        (r.amazonOrderId || r.merchantAdjustmentItemId
          ? `<AdditionalInfo>${r.amazonOrderId ? `<AmazonOrderID>${escapeXml(r.amazonOrderId)}</AmazonOrderID>` : ''}` +
            `${r.merchantAdjustmentItemId ? `<MerchantAdjustmentItemID>${escapeXml(r.merchantAdjustmentItemId)}</MerchantAdjustmentItemID>` : ''}</AdditionalInfo>`
          : '') +
        `</Result>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">` +
    `<Header><DocumentVersion>1.02</DocumentVersion><MerchantIdentifier>SIMULATED_MERCHANT</MerchantIdentifier></Header>` +
    `<MessageType>ProcessingReport</MessageType><Message><MessageID>1</MessageID><ProcessingReport>` +
    `<DocumentTransactionID>${escapeXml(feedId)}</DocumentTransactionID><StatusCode>${statusCode}</StatusCode>` +
    `<ProcessingSummary><MessagesProcessed>${processed}</MessagesProcessed><MessagesSuccessful>${successful}</MessagesSuccessful>` +
    `<MessagesWithError>${withError}</MessagesWithError><MessagesWithWarning>0</MessagesWithWarning></ProcessingSummary>` +
    `${resultXml}</ProcessingReport></Message></AmazonEnvelope>\n`
  );
}
