import { resolveBranding } from './branding';
import { layoutManifest } from './layout/manifest';
import { renderPdf } from './pdf/document';
import type { Manifest, PdfOutput, SheetPaper, StoreBranding } from './types';
import { assertBarcodeText, assertSomethingToPrint } from './validate';
import { WarningList } from './warnings';

export interface ManifestOptions {
  paper: SheetPaper;
  /** The CJK fallback font (resources/fonts); without it, CJK text prints as '?'. */
  cjkFontFile?: string;
  /** The logo is drawn; the manifest's own storeAddress is the address shown. */
  branding?: StoreBranding;
}

/**
 * The manifest that travels in a bag or tote to the warehouse: the RMAs in it, a Code 128 and
 * a QR of the manifest id on every page, paginated, with totals at the end. PDF only: it is
 * printed on office paper, not on a label printer.
 */
export async function renderManifestPdf(
  manifest: Manifest,
  options: ManifestOptions,
): Promise<PdfOutput> {
  assertBarcodeText(manifest.manifestId, 'INVALID_MANIFEST_ID');
  assertSomethingToPrint(manifest.lines);
  const warnings = new WarningList();
  const { logo } = resolveBranding(options.branding, warnings);
  const pdf = await renderPdf(layoutManifest(manifest, options.paper, logo), {
    title: `Manifest ${manifest.manifestId}`,
    cjkFontFile: options.cjkFontFile,
    warnings,
  });
  return { pdf, warnings: warnings.list() };
}
