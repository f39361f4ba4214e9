import { parseXmlTree, type XmlNode } from './xml-structure';
import { type BuiltOrderAdjustmentFeed } from './order-adjustment-feed';

export interface ProcessingMessage {
  severity: 'Error' | 'Warning';
  code: string;
  description: string;
}

export interface RefundItemOutcome {
  refundRequestId: string;
  amazonOrderId: string;
  outcome: 'accepted' | 'rejected';
  /** Amazon's messages about this item (a rejection always has at least one). */
  messages: ProcessingMessage[];
}

export interface ParsedProcessingReport {
  statusCode: string;
  summary: { processed: number; successful: number; withError: number; withWarning: number };
  items: RefundItemOutcome[];
}

export class ProcessingReportError extends Error {
  override readonly name = 'ProcessingReportError';
}

const child = (node: XmlNode | undefined, name: string): XmlNode | undefined =>
  node?.children.find((c) => c.name === name);
const children = (node: XmlNode | undefined, name: string): XmlNode[] =>
  node?.children.filter((c) => c.name === name) ?? [];
const count = (node: XmlNode | undefined, name: string): number =>
  Number(child(node, name)?.text ?? 0);

/**
 * Maps Amazon's XML processing report back to our refunds. Results are per MessageID (one
 * message per order); a Result whose AdditionalInfo names a MerchantAdjustmentItemID concerns
 * that item only, one that names none concerns every item of the message. Whether Amazon names
 * the item is unconfirmed, so the whole-message reading is the safe default. A report that is
 * not Complete rejects every item: nothing was applied that the report vouches for.
 */
export function parseProcessingReport(
  xml: string,
  feed: Pick<BuiltOrderAdjustmentFeed, 'messages'>,
): ParsedProcessingReport {
  let root: XmlNode;
  try {
    root = parseXmlTree(xml);
  } catch (error) {
    throw new ProcessingReportError(`processing report unreadable: ${String(error)}`);
  }
  const report = child(child(root, 'Message'), 'ProcessingReport');
  if (root.name !== 'AmazonEnvelope' || !report) {
    throw new ProcessingReportError('not a processing report (no Message/ProcessingReport)');
  }
  const statusCode = child(report, 'StatusCode')?.text ?? '';
  const summaryNode = child(report, 'ProcessingSummary');
  const summary = {
    processed: count(summaryNode, 'MessagesProcessed'),
    successful: count(summaryNode, 'MessagesSuccessful'),
    withError: count(summaryNode, 'MessagesWithError'),
    withWarning: count(summaryNode, 'MessagesWithWarning'),
  };

  const messagesByItem = new Map<string, ProcessingMessage[]>();
  const addTo = (id: string, message: ProcessingMessage) =>
    messagesByItem.set(id, [...(messagesByItem.get(id) ?? []), message]);
  const knownIds = new Set(feed.messages.flatMap((m) => m.refundRequestIds));

  for (const result of children(report, 'Result')) {
    const severity = child(result, 'ResultCode')?.text === 'Warning' ? 'Warning' : 'Error';
    const message: ProcessingMessage = {
      severity,
      code: child(result, 'ResultMessageCode')?.text ?? '',
      description: child(result, 'ResultDescription')?.text ?? '',
    };
    const namedItem = child(child(result, 'AdditionalInfo'), 'MerchantAdjustmentItemID')?.text;
    if (namedItem && knownIds.has(namedItem)) {
      addTo(namedItem, message);
      continue;
    }
    const messageId = Number(child(result, 'MessageID')?.text ?? NaN);
    const sent = feed.messages.find((m) => m.messageId === messageId);
    // MessageID 0 (or none we sent) is about the whole document: it concerns every item.
    const targets = sent ? sent.refundRequestIds : [...knownIds];
    for (const id of targets) addTo(id, message);
  }

  const complete = statusCode === 'Complete';
  const items = feed.messages.flatMap((m) =>
    m.refundRequestIds.map((refundRequestId): RefundItemOutcome => {
      const messages = messagesByItem.get(refundRequestId) ?? [];
      const rejected = !complete || messages.some((x) => x.severity === 'Error');
      return {
        refundRequestId,
        amazonOrderId: m.amazonOrderId,
        outcome: rejected ? 'rejected' : 'accepted',
        messages:
          rejected && messages.length === 0
            ? [
                {
                  severity: 'Error',
                  code: 'INCOMPLETE',
                  description: `processing report ${statusCode || 'without status'}`,
                },
              ]
            : messages,
      };
    }),
  );
  return { statusCode, summary, items };
}
