import { rmaLabelContents } from './content';
import { paginateRmaLabels } from './layout/rma-labels';
import { renderPdf } from './pdf/document';
import type { PdfLabelTemplate, PdfOutput, RmaLabelItem, StoreBranding } from './types';
import { WarningList } from './warnings';

export interface RenderOptions {
  /** A label per page (4×6 in, 62 mm roll) or sheets of 2 × 4 labels (A4, Letter). */
  size: PdfLabelTemplate;
  /** The CJK fallback font (resources/fonts); without it, CJK text prints as '?'. */
  cjkFontFile?: string;
  branding?: StoreBranding;
}

/**
 * RMA labels as PDF, each with a Code 128 and a QR of the RMA number: one label per page for
 * label printers, or 8 to a page on office paper. What could not be printed as asked (a bad
 * logo, a missing CJK font) comes back as warnings; the labels print regardless.
 */
export async function renderRmaLabelsPdf(
  items: RmaLabelItem[],
  options: RenderOptions,
): Promise<PdfOutput> {
  const warnings = new WarningList();
  const contents = rmaLabelContents(items, options.branding, warnings);
  const pdf = await renderPdf(paginateRmaLabels(contents, options.size), {
    title: `RMA ${items[0]!.rmaNumber}`,
    cjkFontFile: options.cjkFontFile,
    warnings,
  });
  return { pdf, warnings: warnings.list() };
}
