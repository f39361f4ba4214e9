import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { renderRmaLabelsPdf, type RenderOptions } from './render';
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
const work = mkdtempSync(join(tmpdir(), 'returndesk-labels-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function tool(name: string): string {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`]);
    return name;
  } catch {
    throw new Error(
      `${name} is missing: install poppler-utils and zbar-tools (CI does, in .ci/run)`,
    );
  }
}

/** Decodes every page of a PDF; per page, what Code 128 and QR each read. */
function decode(pdf: Uint8Array, name: string): { code128: string; qr: string }[] {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync(tool('pdftoppm'), ['-r', '300', '-png', file, join(work, name)]);
  const pages = readdirSync(work)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .sort();
  const read = (png: string, symbology: string) =>
    execFileSync(
      tool('zbarimg'),
      ['--raw', '-q', '-Sdisable', `-S${symbology}.enable`, join(work, png)],
      {
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    )
      .toString()
      .trim();
  return pages.map((png) => ({ code128: read(png, 'code128'), qr: read(png, 'qrcode') }));
}

/** The PDF alone: these tests are about the labels, warnings have their own. */
const render = async (items: RmaLabelItem[], options: RenderOptions) =>
  (await renderRmaLabelsPdf(items, options)).pdf;

const item = (overrides: Partial<RmaLabelItem> = {}): RmaLabelItem => ({
  rmaNumber: 'NY01-A-261121-0042',
  lineNumber: 1,
  lineCount: 1,
  amazonOrderId: '112-1234567-1234567',
  sku: 'VOL-ANC700-BLK',
  asin: 'B0TEST0001',
  title: 'Voltra ANC 700 Wireless Noise Cancelling Headphones, Black',
  quantity: 1,
  grade: 'Like new',
  disposition: 'Restock store',
  environmentalTags: ['WEEE', 'BATTERY'],
  storeCode: 'NY01',
  storeName: 'New York',
  dateText: '2026-11-21 14:05',
  ...overrides,
});

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
  /** The page text as poppler extracts it (pdftotext ships with pdftoppm). */
  function pdfText(pdf: Uint8Array, name: string): string {
    const file = join(work, `${name}.pdf`);
    writeFileSync(file, pdf);
    return execFileSync(tool('pdftotext'), ['-layout', file, '-']).toString();
  }

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
