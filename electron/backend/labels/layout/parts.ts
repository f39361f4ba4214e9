import { fitLine } from '../fit';
import type { LabelField } from '../content';
import type { LogoImage } from '../logo';
import { textWidth } from '../metrics';
import { textAt, type LayoutElement } from './model';

/** Pieces that both RMA label layouts (one per page, and sheet cells) draw the same way. */

/** "REPRINT 2" in white on a black box whose top right corner is at (right, top). */
export function reprintMark(
  mark: string,
  right: number,
  top: number,
  size: number,
): { elements: LayoutElement[]; width: number; height: number } {
  const pad = size * 0.35;
  const width = textWidth(mark, size, true) + 2 * pad;
  const height = size + 2 * pad;
  return {
    width,
    height,
    elements: [
      { kind: 'box', x: right - width, y: top, width, height, fill: 'black', border: 0 },
      textAt(right - width + pad, top + pad + size * 0.8, mark, size, {
        bold: true,
        color: 'white',
      }),
    ],
  };
}

/** The logo scaled to fit a box, keeping its shape, at the box's top left. */
export function logoIn(
  logo: LogoImage,
  x: number,
  y: number,
  maxWidth: number,
  maxHeight: number,
): LayoutElement & { kind: 'logo' } {
  const scale = Math.min(maxWidth / logo.width, maxHeight / logo.height);
  return { kind: 'logo', x, y, width: logo.width * scale, height: logo.height * scale, logo };
}

/** "Label value" lines, the label bold; each value cut to the line. Returns the last baseline. */
export function fieldLines(
  fields: LabelField[],
  x: number,
  firstBaseline: number,
  width: number,
  size: number,
  lineHeight: number,
): { elements: LayoutElement[]; bottom: number } {
  const elements: LayoutElement[] = [];
  let y = firstBaseline;
  for (const { label, value } of fields) {
    const labelText = `${label} `;
    const labelWidth = textWidth(labelText, size, true);
    elements.push(textAt(x, y, label, size, { bold: true }));
    const shown = fitLine(value, width - labelWidth, { size });
    if (shown) elements.push(textAt(x + labelWidth, y, shown, size));
    y += lineHeight;
  }
  return { elements, bottom: y - lineHeight + size * 0.25 };
}

/**
 * Environmental handling marks (WEEE, BATTERY) boxed side by side, bottoms on `bottom`,
 * starting at `x` (align left) or ending there (align right).
 */
export function tagBoxes(
  tags: string[],
  x: number,
  bottom: number,
  size: number,
  align: 'left' | 'right' = 'left',
): { elements: LayoutElement[]; width: number; height: number } {
  const pad = size * 0.45;
  const height = size + 2 * pad;
  const gap = size * 0.6;
  const widths = tags.map((tag) => textWidth(tag, size, true) + 2 * pad);
  const total = widths.reduce((sum, w) => sum + w + gap, 0) - (tags.length ? gap : 0);
  const elements: LayoutElement[] = [];
  let cursor = align === 'left' ? x : x - total;
  tags.forEach((tag, i) => {
    const width = widths[i]!;
    elements.push(
      { kind: 'box', x: cursor, y: bottom - height, width, height, fill: null, border: 1.2 },
      textAt(cursor + pad, bottom - pad - size * 0.2, tag, size, { bold: true }),
    );
    cursor += width + gap;
  });
  return { elements, width: total, height: tags.length ? height : 0 };
}
