import { describe, expect, it } from 'vitest';
import { rmaLabelContent } from './content';
import { layoutManifest } from './layout/manifest';
import type { Layout, LayoutElement } from './layout/model';
import { layoutRmaLabel } from './layout/rma-labels';
import { inspectLogo, type LogoImage } from './logo';
import { textWidth } from './metrics';
import { item, manifest } from './testing/fixtures';
import { PDF_LABEL_TEMPLATES, SHEET_PAPERS, type RmaLabelItem } from './types';

/**
 * Layout problems caught without looking: on every template, with content far past what fits,
 * nothing leaves the page and nothing overlaps (text inside its own box, as the REPRINT and
 * WEEE marks, excepted). Text is measured as metrics.ts does, which bounds both outputs.
 */
interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
  element: LayoutElement;
}

function rectOf(element: LayoutElement): Rect {
  switch (element.kind) {
    case 'text':
      return {
        left: element.x,
        top: element.y - element.size * 0.8,
        right: element.x + textWidth(element.text, element.size, element.bold),
        bottom: element.y + element.size * 0.22,
        element,
      };
    case 'qr':
      return {
        left: element.x,
        top: element.y,
        right: element.x + element.size,
        bottom: element.y + element.size,
        element,
      };
    default:
      return {
        left: element.x,
        top: element.y,
        right: element.x + element.width,
        bottom: element.y + element.height,
        element,
      };
  }
}

const inside = (inner: Rect, outer: Rect) =>
  inner.left >= outer.left &&
  inner.right <= outer.right &&
  inner.top >= outer.top &&
  inner.bottom <= outer.bottom;
const overlap = (a: Rect, b: Rect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const describeRect = (r: Rect) =>
  `${r.element.kind}${r.element.kind === 'text' ? ` "${r.element.text.slice(0, 30)}"` : ''}`;

function problems(layout: Layout): string[] {
  const found: string[] = [];
  const rects = layout.elements.map(rectOf);
  const page: Rect = { left: 0, top: 0, right: layout.width, bottom: layout.height } as Rect;
  for (const rect of rects) {
    if (!inside(rect, page)) found.push(`${describeRect(rect)} leaves the page`);
  }
  rects.forEach((a, i) => {
    for (const b of rects.slice(i + 1)) {
      if (!overlap(a, b)) continue;
      const textInBox =
        (a.element.kind === 'box' && b.element.kind === 'text' && inside(b, a)) ||
        (b.element.kind === 'box' && a.element.kind === 'text' && inside(a, b));
      if (!textInBox) found.push(`${describeRect(a)} overlaps ${describeRect(b)}`);
    }
  });
  return found;
}

/** A logo of any shape: layouts only read its size. */
const logoOfSize = (width: number, height: number): LogoImage => ({
  format: 'png',
  bytes: new Uint8Array(),
  width,
  height,
  rgba: new Uint8Array(width * height * 4),
});

const extremes: [string, RmaLabelItem, string, LogoImage | null][] = [
  ['plain', item(), '', null],
  [
    'everything too long',
    item({
      title: 'Extra long name '.repeat(320).slice(0, 5000),
      storeName: 'A store name far too long for any label '.repeat(5),
      amazonOrderId: '112-1234567-1234567'.repeat(5),
      sku: 'SKU-'.repeat(40),
      grade: 'Grade text that goes on and on '.repeat(4),
      disposition: 'Return to the vendor via the regional warehouse '.repeat(3),
      reprint: { count: 999 },
      rmaNumber: 'ABCDEFGH-XY-261121-0042',
    }),
    '〒150-0042 東京都渋谷区宇田川町21-1 '.repeat(8),
    logoOfSize(2000, 40),
  ],
  [
    'CJK name of 5,000 characters, tall logo',
    item({ title: '无线降噪耳机'.repeat(834), storeName: '上海静安'.repeat(20) }),
    '上海市静安区南京西路1266号',
    logoOfSize(40, 2000),
  ],
  ['64-character RMA number', item({ rmaNumber: 'R'.repeat(64), environmentalTags: [] }), '', null],
];

describe('label layouts stay on the page, nothing overlapping', () => {
  for (const template of PDF_LABEL_TEMPLATES) {
    it.each(extremes)(`${template}: %s`, (_name, label, address, logo) => {
      const layout = layoutRmaLabel(rmaLabelContent(label, { address, logo }), template);
      expect(problems(layout)).toEqual([]);
      // Nothing of the content was dropped: the name is there, cut or not.
      expect(
        layout.elements.some(
          (e) => e.kind === 'text' && e.text.startsWith(label.title.slice(0, 3)),
        ),
      ).toBe(true);
    });
  }
});

describe('manifest layouts stay on the page, nothing overlapping', () => {
  it.each(SHEET_PAPERS)('%s, every page', (paper) => {
    const bag = manifest(101, {
      storeName: 'A store name far too long for the header of a manifest '.repeat(3),
      storeAddress: '〒150-0042 東京都渋谷区宇田川町21-1 '.repeat(8),
    });
    bag.lines[5]!.title = 'x'.repeat(5000);
    bag.lines[6]!.rmaNumber = 'R'.repeat(64);
    const pages = layoutManifest(bag, paper, inspectLogo(new Uint8Array()).logo);
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) expect(problems(page.placements[0]!.layout)).toEqual([]);
  });
});

describe('the layout check itself', () => {
  it('finds text off the page and elements on top of each other', () => {
    const found = problems({
      width: 100,
      height: 100,
      elements: [
        { kind: 'text', x: 10, y: 20, size: 10, bold: false, text: 'Hello', color: 'black' },
        { kind: 'text', x: 12, y: 22, size: 10, bold: false, text: 'World', color: 'black' },
        { kind: 'qr', x: 80, y: 80, size: 30, data: 'X' },
      ],
    });
    expect(found).toEqual(['qr leaves the page', 'text "Hello" overlaps text "World"']);
  });
});
