/** 4×6 in shipping label (288×432 pt) or 62 mm continuous roll (62 × 100 mm). */
export type LabelSize = '4x6' | '62mm';
export const LABEL_SIZES: readonly LabelSize[] = ['4x6', '62mm'];

/** Office paper printed with several labels per page (sheets) or with a manifest. */
export type SheetPaper = 'A4' | 'Letter';
export const SHEET_PAPERS: readonly SheetPaper[] = ['A4', 'Letter'];

/** What a PDF of RMA labels can be printed on: one label per page, or sheets of several. */
export type PdfLabelTemplate = LabelSize | SheetPaper;
export const PDF_LABEL_TEMPLATES: readonly PdfLabelTemplate[] = [...LABEL_SIZES, ...SHEET_PAPERS];

/** Zebra print density in dots per mm: 152, 203, 300 and 600 dpi heads. */
export type ZplDpmm = 6 | 8 | 12 | 24;

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

/** The store's own look, from its settings; both parts optional. */
export interface StoreBranding {
  /** PNG or JPEG bytes. Anything else is left off the label, with a warning. */
  logo?: Uint8Array;
  /** Printed under the store name; any script (e.g. `〒150-0042 東京都渋谷区宇田川町21-1`). */
  address?: string;
}

/** One line of a bag or tote manifest: an RMA going to the warehouse. */
export interface ManifestLine {
  rmaNumber: string;
  sku: string;
  title: string;
  quantity: number;
  /** Display text, e.g. "Return to vendor". */
  disposition: string;
}

export interface Manifest {
  /** The barcode content, exactly (printable ASCII), as for RMA numbers. */
  manifestId: string;
  storeCode: string;
  storeName: string;
  storeAddress: string;
  /** Already formatted in the store's time zone. */
  createdAt: string;
  lines: ManifestLine[];
}

/**
 * Something left off or degraded on an output that still printed: the caller shows or logs it,
 * the shop floor gets its label either way.
 * - LOGO_NOT_AN_IMAGE: the branding logo is no readable PNG or JPEG; printed without it.
 * - LOGO_TOO_LARGE: the logo has more pixels than a label needs (see logo.ts); printed without it.
 * - CJK_FONT_MISSING: CJK text printed as '?' because the font file could not be read.
 * - BARCODE_TOO_DENSE: the Code 128 bars come out narrower than scanners read reliably
 *   (an unusually long RMA number on a narrow label); the QR code still carries it.
 */
export type LabelWarning =
  'LOGO_NOT_AN_IMAGE' | 'LOGO_TOO_LARGE' | 'CJK_FONT_MISSING' | 'BARCODE_TOO_DENSE';

export interface PdfOutput {
  pdf: Uint8Array;
  /** Each warning once, in the order first met. */
  warnings: LabelWarning[];
}

export type LabelErrorCode =
  'NO_LABEL_ITEMS' | 'INVALID_RMA_NUMBER' | 'INVALID_MANIFEST_ID' | 'INVALID_PRINTER_FONT';

export class LabelError extends Error {
  constructor(
    readonly code: LabelErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LabelError';
  }
}
