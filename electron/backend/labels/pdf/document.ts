import { PDFDocument } from 'pdf-lib';
import type { PlacedPage } from '../layout/model';
import { hasCjk } from '../script';
import type { WarningList } from '../warnings';
import { drawLayout } from './draw';
import { embedFonts } from './fonts';
import { PdfLogos } from './logos';

const needsCjk = (pages: PlacedPage[]) =>
  pages.some((page) =>
    page.placements.some(({ layout }) =>
      layout.elements.some((element) => element.kind === 'text' && hasCjk(element.text)),
    ),
  );

/** Draws laid-out pages into one PDF; fonts and logos are embedded once for all of them. */
export async function renderPdf(
  pages: PlacedPage[],
  options: { title: string; cjkFontFile: string | undefined; warnings: WarningList },
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(options.title);
  pdf.setProducer('ReturnDesk');
  // Stable output for the same input.
  pdf.setCreationDate(new Date(0));
  pdf.setModificationDate(new Date(0));
  const { fonts, cjkMissing } = await embedFonts(pdf, needsCjk(pages), options.cjkFontFile);
  if (cjkMissing) options.warnings.add('CJK_FONT_MISSING');
  const logos = new PdfLogos(pdf);
  const warn = options.warnings.add.bind(options.warnings);
  for (const plan of pages) {
    const page = pdf.addPage([plan.size.width, plan.size.height]);
    for (const { layout, left, top } of plan.placements) {
      await drawLayout(page, layout, { left, top }, { fonts, logos }, warn);
    }
  }
  return pdf.save();
}
