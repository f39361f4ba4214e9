import { resolveBranding } from './branding';
import type { LogoImage } from './logo';
import { printableText } from './script';
import type { RmaLabelItem, StoreBranding } from './types';
import { assertBarcodeText, assertSomethingToPrint } from './validate';
import type { WarningList } from './warnings';

/**
 * What an RMA label says, in reading order, before any layout: the one place that decides its
 * fields, their labels and their text. Every template and both outputs (PDF and ZPL) start
 * from this, so they cannot drift apart. All text is printable (script.ts).
 */
export interface LabelField {
  label: string;
  value: string;
}

export interface RmaLabelContent {
  /** Barcode data, exactly as given (validated printable ASCII). */
  rmaNumber: string;
  storeLine: string;
  /** The store's address from its branding; empty when there is none. */
  address: string;
  dateText: string;
  /** "REPRINT 2" in a black box, or null for a first print. */
  reprintMark: string | null;
  fields: LabelField[];
  title: string;
  tags: string[];
  logo: LogoImage | null;
}

const NOT_YET = '—';

export function rmaLabelContent(
  item: RmaLabelItem,
  branding: { address: string; logo: LogoImage | null },
): RmaLabelContent {
  const field = (label: string, value: string): LabelField => ({
    label,
    value: printableText(value) || NOT_YET,
  });
  return {
    rmaNumber: item.rmaNumber,
    storeLine: printableText(`${item.storeName} (${item.storeCode})`),
    address: printableText(branding.address),
    dateText: printableText(item.dateText),
    reprintMark: item.reprint ? `REPRINT ${item.reprint.count}` : null,
    fields: [
      field('Order', item.amazonOrderId),
      field('SKU', item.sku),
      field('ASIN', item.asin),
      field('Qty', String(item.quantity)),
      field('Item', `${item.lineNumber} of ${item.lineCount}`),
      field('Grade', item.grade ?? NOT_YET),
      field('To', item.disposition ?? NOT_YET),
    ],
    title: printableText(item.title),
    tags: [...item.environmentalTags],
    logo: branding.logo,
  };
}

/** Validated content of RMA labels, with the branding resolved once for all of them. */
export function rmaLabelContents(
  items: RmaLabelItem[],
  branding: StoreBranding | undefined,
  warnings: WarningList,
): RmaLabelContent[] {
  assertSomethingToPrint(items);
  for (const item of items) assertBarcodeText(item.rmaNumber, 'INVALID_RMA_NUMBER');
  const resolved = resolveBranding(branding, warnings);
  return items.map((item) => rmaLabelContent(item, resolved));
}
