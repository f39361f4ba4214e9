import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Labels embed only the CJK glyphs they use (pdf-lib `subset: true`). @pdf-lib/fontkit builds
 * that subset by copying glyph records verbatim behind a short `loca` table (offsets / 2), so
 * one odd-length record blanks every glyph after it: the label still renders, without error,
 * and the item name prints as gaps. These tests catch a font that brings the problem back.
 */
const FONT = resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'resources',
  'fonts',
  'DroidSansFallbackFull.ttf',
);
const work = mkdtempSync(join(tmpdir(), 'returndesk-cjk-font-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SAMPLES = [
  'Voltra ANC 700 ワイヤレス ノイズキャンセリング ヘッドホン',
  '无线降噪耳机 黑色 大阪梅田 東京都渋谷区',
];

function pdftoppm(): string {
  try {
    execFileSync('sh', ['-c', 'command -v pdftoppm']);
    return 'pdftoppm';
  } catch {
    throw new Error('pdftoppm is missing: install poppler-utils (CI does, in .ci/run)');
  }
}

/** The text set in the font, one line per sample; `subset` as a label would embed it. */
async function samplePdf(font: Uint8Array, subset: boolean): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const embedded = await pdf.embedFont(font, { subset });
  const page = pdf.addPage([400, 30 + 24 * SAMPLES.length]);
  SAMPLES.forEach((text, i) =>
    page.drawText(text, { x: 10, y: 20 + 24 * i, size: 14, font: embedded }),
  );
  return pdf.save();
}

/** The page's pixels, one gray byte each (pdftoppm writes PGM: three header lines first). */
function rasterize(pdf: Uint8Array, name: string): Buffer {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync(pdftoppm(), ['-r', '150', '-gray', '-singlefile', file, join(work, name)]);
  const pgm = readFileSync(join(work, `${name}.pgm`));
  let headerEnd = 0;
  for (let newlines = 0; newlines < 3; headerEnd += 1) if (pgm[headerEnd] === 0x0a) newlines += 1;
  return pgm.subarray(headerEnd);
}

describe('the bundled CJK font', () => {
  const font = new Uint8Array(readFileSync(FONT));

  it('pads every glyph record to an even length', () => {
    const { offsets } = (
      fontkit.create(font as Buffer) as unknown as { loca: { offsets: number[] } }
    ).loca;
    const odd = offsets.filter((offset) => offset % 2 !== 0);
    expect(odd).toEqual([]);
  });

  it('prints the same when only the used glyphs are embedded as when the whole font is', async () => {
    const subset = await samplePdf(font, true);
    const whole = await samplePdf(font, false);
    expect(subset.length).toBeLessThan(50_000);
    expect(whole.length).toBeGreaterThan(1_000_000);
    const subsetPixels = rasterize(subset, 'subset');
    // Some ink at all: guards against both renderings being equally blank.
    expect(subsetPixels.some((gray) => gray < 128)).toBe(true);
    expect(subsetPixels.equals(rasterize(whole, 'whole'))).toBe(true);
  });
});
