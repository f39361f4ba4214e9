/** 4×6 in shipping label (288×432 pt) or 62 mm continuous roll (62 × 100 mm). */
export type LabelSize = '4x6' | '62mm';
export const LABEL_SIZES: readonly LabelSize[] = ['4x6', '62mm'];

export interface RmaLabelItem {
  /** The barcode content, exactly (printable ASCII). */
  rmaNumber: string;
  lineNumber: number;
  lineCount: number;
  amazonOrderId: string;
  sku: string;
  asin: string;
  /** Any script: Latin text is set in Helvetica, CJK in the bundled fallback font. */
  title: string;
  quantity: number;
  /** Display text, null before inspection. */
  grade: string | null;
  disposition: string | null;
  environmentalTags: ('WEEE' | 'BATTERY')[];
  storeCode: string;
  storeName: string;
  /** Already formatted in the store's time zone. */
  dateText: string;
  reprint?: { count: number };
}

export type LabelErrorCode = 'NO_LABEL_ITEMS' | 'INVALID_RMA_NUMBER';

export class LabelError extends Error {
  constructor(
    readonly code: LabelErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LabelError';
  }
}
