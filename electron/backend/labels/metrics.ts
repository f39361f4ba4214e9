import { StandardFontEmbedder, StandardFonts } from 'pdf-lib';
import { isLatin } from './script';

/**
 * How wide text is, in points, for laying out a label once for both outputs. The figure is an
 * upper bound for every font that may print the text, so a line that fits here fits on paper
 * from either printer:
 * - Latin prints in Helvetica (PDF) or in the Zebra's font 0, CG Triumvirate Bold Condensed,
 *   whose glyphs stay within 90% of Helvetica Bold's (a condensed face of the same design);
 *   each character counts at the wider of the two.
 * - CJK prints in a full-width face on both: one em per character.
 * The PDF sets runs at their real widths, so its lines come out a little shorter.
 */
// pdf-lib's StandardFonts and the FontNames it passes on are the same strings, typed apart.
type FontName = Parameters<typeof StandardFontEmbedder.for>[0];
const HELVETICA = StandardFontEmbedder.for(StandardFonts.Helvetica as string as FontName);
const HELVETICA_BOLD = StandardFontEmbedder.for(StandardFonts.HelveticaBold as string as FontName);
const ZEBRA_FONT_0_TO_HELVETICA_BOLD = 0.9;
const CJK_EM = 1;

const perPoint = { regular: new Map<string, number>(), bold: new Map<string, number>() };

function charWidth(char: string, bold: boolean): number {
  const cache = bold ? perPoint.bold : perPoint.regular;
  let width = cache.get(char);
  if (width === undefined) {
    if (!isLatin(char)) width = CJK_EM;
    else {
      const helvetica = (bold ? HELVETICA_BOLD : HELVETICA).widthOfTextAtSize(char, 1);
      const font0 = HELVETICA_BOLD.widthOfTextAtSize(char, 1) * ZEBRA_FONT_0_TO_HELVETICA_BOLD;
      width = Math.max(helvetica, font0);
    }
    cache.set(char, width);
  }
  return width;
}

/** Width of printable text (see script.ts) at a size in points. */
export function textWidth(text: string, size: number, bold = false): number {
  let width = 0;
  for (const char of text) width += charWidth(char, bold);
  return width * size;
}

/** Widths of each character of printable text, for cutting it without measuring twice. */
export function charWidths(text: string, size: number, bold = false): number[] {
  return Array.from(text, (char) => charWidth(char, bold) * size);
}
