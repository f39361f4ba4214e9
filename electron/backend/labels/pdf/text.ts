import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { TextElement } from '../layout/model';
import { scriptRuns } from '../script';
import type { PdfFonts } from './fonts';

const COLORS = { black: rgb(0, 0, 0), white: rgb(1, 1, 1), gray: rgb(0.45, 0.45, 0.45) };

/**
 * The runs of a text element in their fonts: Latin in Helvetica (bold or not), CJK in the
 * fallback font. A CJK character the font lacks, or any when the font is missing, is '?'.
 * Hand-written because pdf-lib has no font fallback.
 */
function pdfRuns(element: TextElement, fonts: PdfFonts): { text: string; font: PDFFont }[] {
  const latin = element.bold ? fonts.latinBold : fonts.latin;
  const runs: { text: string; font: PDFFont }[] = [];
  const push = (text: string, font: PDFFont) => {
    const last = runs.at(-1);
    if (last && last.font === font) last.text += text;
    else runs.push({ text, font });
  };
  for (const run of scriptRuns(element.text)) {
    if (run.script === 'latin') push(run.text, latin);
    else
      for (const char of run.text) {
        if (fonts.cjk && fonts.cjkHas(char.codePointAt(0)!)) push(char, fonts.cjk);
        else push('?', latin);
      }
  }
  return runs;
}

/** Draws a text element with its baseline at page coordinates (x, y), y growing upwards. */
export function drawTextElement(
  page: PDFPage,
  element: TextElement,
  fonts: PdfFonts,
  x: number,
  y: number,
): void {
  let cursor = x;
  for (const run of pdfRuns(element, fonts)) {
    if (run.text.trim()) {
      page.drawText(run.text, {
        x: cursor,
        y,
        size: element.size,
        font: run.font,
        color: COLORS[element.color],
      });
    }
    cursor += run.font.widthOfTextAtSize(run.text, element.size);
  }
}
