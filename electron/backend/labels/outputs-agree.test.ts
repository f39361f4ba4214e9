import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmaLabelContent } from './content';
import { inspectLogo } from './logo';
import { layoutRmaLabel } from './layout/rma-labels';
import { renderRmaLabelsPdf } from './render';
import { item, logoPng } from './testing/fixtures';
import { ScanDir } from './testing/scan';
import { zplFields, zplLabels } from './testing/zpl-fields';
import { LABEL_SIZES } from './types';
import { renderRmaLabelsZpl } from './zpl/render';

/**
 * The PDF and the ZPL of a label say the same: both are drawn from one layout, and this
 * checks the result, not the design. Every text of the layout (fields, their labels, the
 * name as cut, address, marks) must be in the PDF's text (pdftotext) and in the ZPL's text
 * fields, and the ZPL's text fields must be exactly the layout's texts, in order.
 */
const FONT = resolve(import.meta.dirname, '../../../resources/fonts/DroidSansFallbackFull.ttf');
const scan = new ScanDir();
afterAll(() => scan.remove());

const squeeze = (text: string) => text.replace(/\s+/g, '');
const logo = logoPng();
const branding = { logo, address: '〒150-0042 東京都渋谷区宇田川町21-1' };
const label = item({
  title: '无线降噪耳机 Voltra ANC 700, '.repeat(40),
  storeName: 'Tokyo Shibuya',
  reprint: { count: 1 },
  sku: 'VOL_ANC^7~B', // ZPL's command and escape characters
});

describe('PDF and ZPL agree on the content', () => {
  it.each(LABEL_SIZES)('%s: the same texts in both', async (size) => {
    const layout = layoutRmaLabel(
      rmaLabelContent(label, { address: branding.address, logo: inspectLogo(logo).logo }),
      size,
    );
    const texts = layout.elements.flatMap((e) => (e.kind === 'text' ? [e.text] : []));
    // The content a person reads is all there.
    const joined = texts.join('\n');
    for (const expected of ['Order', '112-1234567-1234567', 'SKU', label.sku, 'ASIN', 'Grade']) {
      expect(joined).toContain(expected);
    }
    expect(joined).toContain('〒150-0042 東京都渋谷区宇田川町21-1');
    expect(joined).toContain('REPRINT 1');
    expect(joined).toContain('无线降噪耳机');
    expect(joined).toContain('…');

    const { pdf } = await renderRmaLabelsPdf([label], { size, cjkFontFile: FONT, branding });
    const pdfText = squeeze(scan.pdfText(pdf, `agree-${size}`));
    for (const text of texts) expect(pdfText).toContain(squeeze(text));

    const zpl = renderRmaLabelsZpl([label], { size, dpmm: 8, branding });
    const [only] = zplLabels(zpl);
    const fields = zplFields(only!);
    const zplText = fields.filter((f) => f.kind === 'text').map((f) => f.data);
    expect(squeeze(zplText.join(''))).toBe(squeeze(texts.join('')));
    expect(fields.filter((f) => f.kind === 'code128').map((f) => f.data)).toEqual([
      label.rmaNumber,
    ]);
    expect(fields.filter((f) => f.kind === 'qr').map((f) => f.data)).toEqual([
      `MA,${label.rmaNumber}`,
    ]);
  });
});
