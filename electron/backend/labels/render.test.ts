import { resolve } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { renderRmaLabelsPdf, type RenderOptions } from './render';
import { item } from './testing/fixtures';
import { readCodes, ScanDir } from './testing/scan';
import { LABEL_SIZES, LabelError, type LabelSize, type RmaLabelItem } from './types';

/**
 * Every label must scan: each is rendered to PNG with poppler's pdftoppm and decoded with
 * zbarimg, once for Code 128 and once for QR, both of which must read the RMA number.
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
const scans = new ScanDir();
afterAll(() => scans.remove());

/** Decodes every page of a PDF; per page, what Code 128 and QR each read. */
function decode(pdf: Uint8Array, name: string): { code128: string; qr: string }[] {
  return scans.pdfToPngs(pdf, name).map((png) => ({
    code128: readCodes(png, 'code128').join('\n'),
    qr: readCodes(png, 'qrcode').join('\n'),
  }));
}

/** The PDF alone: these tests are about the labels, warnings have their own. */
const render = async (items: RmaLabelItem[], options: RenderOptions) =>
  (await renderRmaLabelsPdf(items, options)).pdf;

describe('RMA labels', () => {
  it.each(LABEL_SIZES)(
    'a %s label decodes to the RMA number as Code 128 and as QR',
    async (size: LabelSize) => {
      const pdf = await render([item()], { size, cjkFontFile: FONT });
      expect(decode(pdf, `plain-${size}`)).toEqual([
        { code128: 'NY01-A-261121-0042', qr: 'NY01-A-261121-0042' },
      ]);
      const doc = await PDFDocument.load(pdf);
      const { width, height } = doc.getPage(0).getSize();
      expect([Math.round(width), Math.round(height)]).toEqual(
        size === '4x6' ? [288, 432] : [176, 283],
      );
    },
  );

  it.each([
    [
      'Japanese',
      'Voltra ANC 700 ワイヤレス ノイズキャンセリング ヘッドホン',
      'TK01-B-261121-0007',
      'Tokyo Shibuya',
    ],
    ['Chinese', '无线降噪耳机 黑色', 'OS01-A-261121-0123', '大阪梅田'],
    [
      'German',
      'Wasserkocher Edelstahl 1,7 l, Größe M, für Küche',
      'BE01-A-261121-0001',
      'Berlin Mitte',
    ],
  ])(
    'a label with a %s item name renders and scans',
    async (_lang, title, rmaNumber, storeName) => {
      const pdf = await render([item({ title, rmaNumber, storeName })], {
        size: '4x6',
        cjkFontFile: FONT,
      });
      expect(decode(pdf, `lang-${rmaNumber}`)).toEqual([{ code128: rmaNumber, qr: rmaNumber }]);
    },
  );

  it('keeps a 5,000-character item name on the label (cut with an ellipsis) and still scans', async () => {
    const pdf = await render([item({ title: 'Extra long name '.repeat(320) })], {
      size: '62mm',
      cjkFontFile: FONT,
    });
    expect(decode(pdf, 'long')).toEqual([
      { code128: 'NY01-A-261121-0042', qr: 'NY01-A-261121-0042' },
    ]);
  });

  it('prints one page per item, each scanning', async () => {
    const pdf = await render(
      [
        item({ lineNumber: 1, lineCount: 2 }),
        item({ lineNumber: 2, lineCount: 2, reprint: { count: 1 } }),
      ],
      { size: '4x6', cjkFontFile: FONT },
    );
    expect(decode(pdf, 'two')).toEqual([
      { code128: 'NY01-A-261121-0042', qr: 'NY01-A-261121-0042' },
      { code128: 'NY01-A-261121-0042', qr: 'NY01-A-261121-0042' },
    ]);
  });

  it('keeps Latin-only labels small (the CJK font is embedded only when needed)', async () => {
    const latin = await render([item()], { size: '4x6', cjkFontFile: FONT });
    const cjk = await render([item({ title: '无线降噪耳机' })], {
      size: '4x6',
      cjkFontFile: FONT,
    });
    expect(latin.length).toBeLessThan(100_000);
    expect(cjk.length).toBeGreaterThan(latin.length);
  });

  it('refuses nothing to print and an RMA number a barcode cannot carry', async () => {
    await expect(renderRmaLabelsPdf([], { size: '4x6' })).rejects.toMatchObject({
      code: 'NO_LABEL_ITEMS',
    });
    await expect(
      renderRmaLabelsPdf([item({ rmaNumber: 'NY01-Ä-1' })], { size: '4x6' }),
    ).rejects.toBeInstanceOf(LabelError);
    await expect(
      renderRmaLabelsPdf([item({ rmaNumber: '' })], { size: '4x6' }),
    ).rejects.toMatchObject({ code: 'INVALID_RMA_NUMBER' });
  });

  it('prints CJK text as "?" rather than failing when the font file is missing', async () => {
    const pdf = await render([item({ title: '无线降噪耳机' })], {
      size: '4x6',
      cjkFontFile: '/nonexistent/font.ttf',
    });
    expect(decode(pdf, 'nofont')).toEqual([
      { code128: 'NY01-A-261121-0042', qr: 'NY01-A-261121-0042' },
    ]);
  });
});

describe('RMA labels, further', () => {
  const pdfText = (pdf: Uint8Array, name: string) => scans.pdfText(pdf, name);

  // The longest number RMA_NUMBER_PATTERN allows: the barcode is narrowest on the 62 mm roll.
  it.each(LABEL_SIZES)(
    'the longest RMA number still scans on a %s label',
    async (size: LabelSize) => {
      const rmaNumber = 'ABCDEFGH-XY-261121-0042';
      const pdf = await render([item({ rmaNumber })], { size, cjkFontFile: FONT });
      expect(decode(pdf, `longest-${size}`)).toEqual([{ code128: rmaNumber, qr: rmaNumber }]);
    },
  );

  it('marks a reprint with its count, and only the reprint', async () => {
    const pdf = await render([item(), item({ reprint: { count: 3 } })], {
      size: '4x6',
      cjkFontFile: FONT,
    });
    const [first, second] = pdfText(pdf, 'reprint').split('\f');
    expect(first).not.toContain('REPRINT');
    expect(second).toContain('REPRINT 3');
  });

  it('embeds only the CJK glyphs a label uses', async () => {
    const pdf = await render(
      [item({ title: 'Voltra ANC 700 ワイヤレス ノイズキャンセリング ヘッドホン' })],
      { size: '4x6', cjkFontFile: FONT },
    );
    expect(pdf.length).toBeLessThan(100_000);
    expect(pdfText(pdf, 'cjk-text')).toContain('ワイヤレス ノイズキャンセリング ヘッドホン');
  });
});
