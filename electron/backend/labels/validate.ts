import { LabelError, type LabelErrorCode } from './types';

/** Printable ASCII: what Code 128 (set B) carries, and what RMA numbers and manifest ids are. */
const BARCODE_TEXT = /^[\x20-\x7e]{1,64}$/;

export function assertBarcodeText(
  value: string,
  code: Extract<LabelErrorCode, 'INVALID_RMA_NUMBER' | 'INVALID_MANIFEST_ID'>,
): void {
  if (!BARCODE_TEXT.test(value)) {
    throw new LabelError(code, `"${value}" cannot be printed as a barcode.`);
  }
}

export function assertSomethingToPrint(items: readonly unknown[]): void {
  if (items.length === 0) throw new LabelError('NO_LABEL_ITEMS', 'There is nothing to print.');
}
