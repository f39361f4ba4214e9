import { rmaLabelContents } from '../content';
import { layoutRmaLabel } from '../layout/rma-labels';
import {
  LabelError,
  type LabelSize,
  type LabelWarning,
  type RmaLabelItem,
  type StoreBranding,
  type ZplDpmm,
} from '../types';
import { WarningList } from '../warnings';
import { isPrinterFontPath } from './commands';
import { zplLabel } from './draw';

/**
 * Zebra's Andale Mono Japanese, an optional font stored on the printer's E: drive. CJK on a
 * Zebra needs such a printer-resident TrueType font; set the one the store's printers have:
 * `E:ANMDS.TTF` (Simplified Chinese: it has 线 where the Japanese font has only 線),
 * `E:ANMDT.TTF` (Traditional), `E:ANMDK.TTF` (Korean), or any TrueType font downloaded to
 * the printer. Without it the printer substitutes its default font and CJK prints as blanks.
 */
export const DEFAULT_ZPL_CJK_FONT = 'E:ANMDJ.TTF';

export interface ZplOptions {
  size: LabelSize;
  dpmm: ZplDpmm;
  branding?: StoreBranding;
  /** Printer font for CJK text: drive, name and extension (default DEFAULT_ZPL_CJK_FONT). */
  cjkFont?: string;
  /** Told of anything left off or degraded (a bad logo, bars too narrow), each once. */
  onWarning?: (warning: LabelWarning) => void;
}

/**
 * RMA labels as ZPL II for Zebra printers, one ^XA…^XZ format per item, laid out exactly as
 * the PDF of the same size: same fields, same text cut the same way, a Code 128 (^BC) and a
 * QR (^BQ) of the RMA number. Send the string to the printer as is (raw TCP 9100 or a spool).
 */
export function renderRmaLabelsZpl(items: RmaLabelItem[], options: ZplOptions): string {
  const cjkFont = options.cjkFont ?? DEFAULT_ZPL_CJK_FONT;
  if (!isPrinterFontPath(cjkFont)) {
    throw new LabelError(
      'INVALID_PRINTER_FONT',
      `"${cjkFont}" is not a printer font (E:NAME.TTF).`,
    );
  }
  const warnings = new WarningList();
  const contents = rmaLabelContents(items, options.branding, warnings);
  const zpl = contents
    .map((content) =>
      zplLabel(layoutRmaLabel(content, options.size), { dpmm: options.dpmm, cjkFont }, (warning) =>
        warnings.add(warning),
      ),
    )
    .join('\n');
  for (const warning of warnings.list()) options.onWarning?.(warning);
  return `${zpl}\n`;
}
