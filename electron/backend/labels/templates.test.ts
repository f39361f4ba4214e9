import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderManifestPdf } from './manifest';
import { renderRmaLabelsPdf } from './render';
import { item, logoPng, manifest, rmaNumber } from './testing/fixtures';
import { ScanDir, scanPage } from './testing/scan';
import { LABEL_SIZES, SHEET_PAPERS, type LabelSize, type ZplDpmm } from './types';
import { renderRmaLabelsZpl } from './zpl/render';

/**
 * Every template and size must scan: rendered to PNG (PDF with pdftoppm at 300 dpi, ZPL with
 * the Zebrash renderer at the printer's density) and read back with zbarimg, once for Code 128
 * and once for QR; each must read exactly the RMA numbers on the page, nothing more or less.
 * The labels carry the hard cases: a Chinese item name and a Japanese store address, a logo,
 * a reprint mark and a 5,000-character name.
 */
const FONT = resolve(import.meta.dirname, '../../../resources/fonts/DroidSansFallbackFull.ttf');
const scan = new ScanDir();
afterAll(() => scan.remove());

const branding = { logo: logoPng(), address: '〒150-0042 東京都渋谷区宇田川町21-1' };
const hardCases = [
  item({ rmaNumber: rmaNumber(1, 'SH01'), title: '无线降噪耳机', storeName: '上海静安' }),
  item({ rmaNumber: rmaNumber(2, 'TK01'), storeName: 'Tokyo Shibuya', reprint: { count: 2 } }),
  item({ rmaNumber: rmaNumber(3), title: 'Extra long name '.repeat(320).slice(0, 5000) }),
];
const numbers = hardCases.map((label) => label.rmaNumber);
const ZPL_LABEL_MM: Record<LabelSize, { widthMm: number; heightMm: number }> = {
  '4x6': { widthMm: 101.6, heightMm: 152.4 },
  '62mm': { widthMm: 62, heightMm: 100 },
};

describe('every template scans', () => {
  it.each(LABEL_SIZES)('PDF %s: each label reads its RMA number', async (size) => {
    const { pdf, warnings } = await renderRmaLabelsPdf(hardCases, {
      size,
      cjkFontFile: FONT,
      branding,
    });
    expect(warnings).toEqual([]);
    const pages = scan.pdfToPngs(pdf, `pdf-${size}`).map(scanPage);
    expect(pages).toEqual(numbers.map((n) => ({ code128: [n], qr: [n] })));
  });

  it.each(
    LABEL_SIZES.flatMap((size) => ([8, 12] as ZplDpmm[]).map((dpmm) => [size, dpmm] as const)),
  )('ZPL %s at %i dots/mm: each label reads its RMA number', async (size, dpmm) => {
    const warnings: string[] = [];
    const zpl = renderRmaLabelsZpl(hardCases, {
      size,
      dpmm,
      branding,
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings).toEqual([]);
    const pngs = await scan.zplToPngs(zpl, `zpl-${size}-${dpmm}`, { ...ZPL_LABEL_MM[size], dpmm });
    expect(pngs.map(scanPage)).toEqual(numbers.map((n) => ({ code128: [n], qr: [n] })));
  });

  it.each(SHEET_PAPERS)(
    '%s sheets: 8 labels a page, every label on every page reads',
    async (paper) => {
      // 11 labels: a full page of 8 and a second page of 3, the hard cases among them.
      const labels = [
        ...hardCases,
        ...Array.from({ length: 8 }, (_, i) => item({ rmaNumber: rmaNumber(10 + i) })),
      ];
      const { pdf, warnings } = await renderRmaLabelsPdf(labels, {
        size: paper,
        cjkFontFile: FONT,
        branding,
      });
      expect(warnings).toEqual([]);
      const pages = scan.pdfToPngs(pdf, `sheet-${paper}`).map(scanPage);
      const expected = [labels.slice(0, 8), labels.slice(8)].map((onPage) => {
        const sorted = onPage.map((label) => label.rmaNumber).sort();
        return { code128: sorted, qr: sorted };
      });
      expect(pages).toEqual(expected);
    },
  );

  it.each(SHEET_PAPERS)(
    '%s manifest: every page reads the manifest id, the last has the totals',
    async (paper) => {
      const bag = manifest(60, { storeAddress: branding.address });
      const { pdf, warnings } = await renderManifestPdf(bag, {
        paper,
        cjkFontFile: FONT,
        branding,
      });
      expect(warnings).toEqual([]);
      const pages = scan.pdfToPngs(pdf, `manifest-${paper}`).map(scanPage);
      expect(pages.length).toBeGreaterThan(1);
      for (const page of pages) {
        expect(page).toEqual({ code128: [bag.manifestId], qr: [bag.manifestId] });
      }
      const text = scan.pdfText(pdf, `manifest-${paper}`);
      const units = bag.lines.reduce((sum, line) => sum + line.quantity, 0);
      expect(text).toContain(`Total: 60 lines, 60 RMAs, ${units} units`);
      expect(text).toContain(`Page ${pages.length} of ${pages.length}`);
      for (const line of bag.lines) expect(text).toContain(line.rmaNumber);
    },
  );
});
