import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { StandardFonts, type PDFDocument, type PDFFont } from 'pdf-lib';

export interface PdfFonts {
  latin: PDFFont;
  latinBold: PDFFont;
  /** Null when no text needs it, or when the font file could not be read. */
  cjk: PDFFont | null;
  cjkHas: (codePoint: number) => boolean;
}

interface CjkFontFile {
  bytes: Uint8Array;
  hasGlyph: (codePoint: number) => boolean;
}

const cjkFonts = new Map<string, Promise<CjkFontFile | null>>();
/** Read once per process and file: 4 MB. A missing file is no error: CJK then prints as '?'. */
function loadCjkFont(fontFile: string): Promise<CjkFontFile | null> {
  let font = cjkFonts.get(fontFile);
  if (!font) {
    font = readFile(fontFile).then(
      (buffer) => {
        const bytes = new Uint8Array(buffer);
        const probe = fontkit.create(bytes as Buffer) as unknown as {
          hasGlyphForCodePoint(cp: number): boolean;
        };
        return { bytes, hasGlyph: (cp: number) => probe.hasGlyphForCodePoint(cp) };
      },
      () => null,
    );
    cjkFonts.set(fontFile, font);
  }
  return font;
}

/**
 * Helvetica always; the CJK font only for documents that need it, and then only the glyphs
 * they use (subset): a CJK label is about 10 KB instead of 2.3 MB. Subsetting needs the
 * font's glyph records padded to even lengths (see resources/fonts/README.md): @pdf-lib/fontkit
 * copies them verbatim into a short-offset table, where an odd length blanks every later glyph.
 * cjk-font-subset.test.ts compares a subset rendering with a whole-font one to keep that true.
 */
export async function embedFonts(
  pdf: PDFDocument,
  needsCjk: boolean,
  cjkFontFile: string | undefined,
): Promise<{ fonts: PdfFonts; cjkMissing: boolean }> {
  pdf.registerFontkit(fontkit);
  const latin = pdf.embedStandardFont(StandardFonts.Helvetica);
  const latinBold = pdf.embedStandardFont(StandardFonts.HelveticaBold);
  const file = needsCjk && cjkFontFile ? await loadCjkFont(cjkFontFile) : null;
  if (!file) {
    return { fonts: { latin, latinBold, cjk: null, cjkHas: () => false }, cjkMissing: needsCjk };
  }
  const cjk = await pdf.embedFont(file.bytes, { subset: true });
  return { fonts: { latin, latinBold, cjk, cjkHas: file.hasGlyph }, cjkMissing: false };
}
