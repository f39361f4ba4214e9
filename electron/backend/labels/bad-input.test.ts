import { resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { renderRmaLabelsPdf } from './render';
import { item, logoJpeg, logoPng } from './testing/fixtures';
import { ScanDir, scanPage } from './testing/scan';
import { zplFields, zplLabels } from './testing/zpl-fields';
import type { LabelWarning } from './types';
import { renderRmaLabelsZpl } from './zpl/render';

/**
 * Settings and data go wrong; the label still prints. A logo that is no PNG or JPEG is left
 * off with a warning, in both outputs alike; a missing CJK font prints '?' with a warning; a
 * name of 5,000 characters is cut with an ellipsis.
 */
const FONT = resolve(import.meta.dirname, '../../../resources/fonts/DroidSansFallbackFull.ttf');
const scan = new ScanDir();
afterAll(() => scan.remove());
const RMA = item().rmaNumber;

function zplWithWarnings(branding: { logo: Uint8Array }): {
  zpl: string;
  warnings: LabelWarning[];
} {
  const warnings: LabelWarning[] = [];
  const zpl = renderRmaLabelsZpl([item()], {
    size: '4x6',
    dpmm: 8,
    branding,
    onWarning: (w) => warnings.push(w),
  });
  return { zpl, warnings };
}

/** A PNG header that claims 30,000 × 30,000 pixels (and holds none), its CRC right. */
function hugePngHeader(): Uint8Array {
  const bytes = logoPng().slice(0, 33);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, 30_000);
  view.setUint32(20, 30_000);
  view.setUint32(29, crc32(bytes.subarray(12, 29)));
  return bytes;
}

const png = logoPng();
const badLogos: [string, Uint8Array][] = [
  ['text', new TextEncoder().encode('not an image at all')],
  ['empty', new Uint8Array()],
  ['a PNG cut in half', png.slice(0, Math.floor(png.length / 2))],
  [
    'a PNG signature and noise',
    new Uint8Array([...png.slice(0, 8), ...new Uint8Array(64).fill(7)]),
  ],
  ['a JPEG start and noise', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 1, 2, 0xff, 0xc0, 0])],
  ['a GIF', new TextEncoder().encode('GIF89a\x01\x00\x01\x00\x00\x00\x00;')],
];

describe('a logo that is not a PNG or JPEG', () => {
  it.each(badLogos)('%s: PDF prints without it, with a warning, and scans', async (name, logo) => {
    const { pdf, warnings } = await renderRmaLabelsPdf([item()], {
      size: '4x6',
      cjkFontFile: FONT,
      branding: { logo },
    });
    expect(warnings).toEqual(['LOGO_NOT_AN_IMAGE']);
    expect(Buffer.from(pdf).includes('/Subtype /Image')).toBe(false);
    const [page] = scan.pdfToPngs(pdf, `bad-logo-${badLogos.findIndex(([n]) => n === name)}`);
    expect(scanPage(page!)).toEqual({ code128: [RMA], qr: [RMA] });
  });

  it.each(badLogos)('%s: ZPL prints without it, with the same warning', (_name, logo) => {
    const { zpl, warnings } = zplWithWarnings({ logo });
    expect(warnings).toEqual(['LOGO_NOT_AN_IMAGE']);
    expect(zpl).not.toContain('^GF');
    expect(zplLabels(zpl)).toHaveLength(1);
  });

  it('a bad logo on a ZPL label still scans', async () => {
    const { zpl } = zplWithWarnings({ logo: badLogos[0]![1] });
    const pngs = await scan.zplToPngs(zpl, 'bad-logo-zpl', {
      widthMm: 101.6,
      heightMm: 152.4,
      dpmm: 8,
    });
    expect(pngs.map(scanPage)).toEqual([{ code128: [RMA], qr: [RMA] }]);
  });

  it('one claiming 30,000 × 30,000 pixels is not even decoded', async () => {
    const { warnings } = await renderRmaLabelsPdf([item()], {
      size: '62mm',
      branding: { logo: hugePngHeader() },
    });
    expect(warnings).toEqual(['LOGO_TOO_LARGE']);
    expect(zplWithWarnings({ logo: hugePngHeader() }).warnings).toEqual(['LOGO_TOO_LARGE']);
  });
});

describe('a good logo', () => {
  it.each([
    ['PNG', png, '/FlateDecode'],
    ['JPEG', logoJpeg(), '/DCTDecode'],
  ])('%s is drawn in the PDF and as a graphic field in the ZPL', async (_format, logo, filter) => {
    const { pdf, warnings } = await renderRmaLabelsPdf([item()], {
      size: '4x6',
      branding: { logo },
    });
    expect(warnings).toEqual([]);
    expect(Buffer.from(pdf).includes('/Subtype /Image')).toBe(true);
    expect(Buffer.from(pdf).includes(filter)).toBe(true);
    const zpl = zplWithWarnings({ logo });
    expect(zpl.warnings).toEqual([]);
    const graphic = zplFields(zplLabels(zpl.zpl)[0]!).find((f) => f.source.includes('^GFA'));
    // Some dots burnt, not all: the badge and the bars, not the transparent ground.
    const hex = graphic!.source.split(',').at(-1)!.replace('^FS', '');
    expect(hex).toMatch(/[1-9A-F]/);
    expect(hex).toMatch(/0/);
  });
});

describe('text past what fits', () => {
  const longName = 'Extra long name '.repeat(320).slice(0, 5000);

  it.each(['4x6', '62mm'] as const)(
    'a 5,000-character name on %s is cut with an ellipsis in both outputs',
    async (size) => {
      const { pdf } = await renderRmaLabelsPdf([item({ title: longName })], { size });
      const text = scan.pdfText(pdf, `long-${size}`);
      expect(text).toContain('Extra long name');
      expect(text).toContain('…');
      expect(text.length).toBeLessThan(2000);
      const zpl = renderRmaLabelsZpl([item({ title: longName })], { size, dpmm: 8 });
      const texts = zplFields(zplLabels(zpl)[0]!).filter((f) => f.kind === 'text');
      expect(texts.filter((f) => f.data.endsWith('…'))).toHaveLength(1);
      expect(zpl.length).toBeLessThan(10_000);
    },
  );

  it('CJK text prints as "?" with a warning when the font file is missing', async () => {
    const { pdf, warnings } = await renderRmaLabelsPdf([item({ title: '无线降噪耳机' })], {
      size: '4x6',
      cjkFontFile: '/nonexistent/font.ttf',
    });
    expect(warnings).toEqual(['CJK_FONT_MISSING']);
    expect(scan.pdfText(pdf, 'no-font')).toContain('??????');
  });
});
