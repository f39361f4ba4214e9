import { fitLine } from '../fit';
import { textWidth } from '../metrics';
import { printableText } from '../script';
import type { ManifestLine } from '../types';
import { ruleAt, type ManifestFrame } from './manifest-frame';
import { textAt, type LayoutElement } from './model';

/** The manifest's table: a grey title row, then one ruled row per line, each cell cut to fit. */
export const ROW_HEIGHT = 15;
const TEXT_SIZE = 8.5;
const CELL_PAD = 4;
/** Baseline from the row's top: the descenders stay clear of the rule under the row. */
const BASELINE = ROW_HEIGHT - 4.5;

interface Column {
  title: string;
  /** Width in points; null takes what the others leave. */
  width: number | null;
  align: 'left' | 'right';
}

const COLUMNS: Column[] = [
  { title: '#', width: 24, align: 'right' },
  { title: 'RMA number', width: 118, align: 'left' },
  { title: 'SKU', width: 96, align: 'left' },
  { title: 'Item', width: null, align: 'left' },
  { title: 'Qty', width: 30, align: 'right' },
  { title: 'Disposition', width: 92, align: 'left' },
];

function cells(texts: string[], top: number, frame: ManifestFrame, bold: boolean) {
  const fixed = COLUMNS.reduce((sum, column) => sum + (column.width ?? 0), 0);
  const elements: LayoutElement[] = [];
  let left = frame.left;
  COLUMNS.forEach((column, i) => {
    const width = column.width ?? frame.width - fixed;
    const shown = fitLine(texts[i]!, width - 2 * CELL_PAD, { size: TEXT_SIZE, bold });
    if (shown) {
      const x =
        column.align === 'right'
          ? left + width - CELL_PAD - textWidth(shown, TEXT_SIZE, bold)
          : left + CELL_PAD;
      elements.push(textAt(x, top + BASELINE, shown, TEXT_SIZE, { bold }));
    }
    left += width;
  });
  return elements;
}

export function tableHead(frame: ManifestFrame, top: number): LayoutElement[] {
  return [
    {
      kind: 'box',
      x: frame.left,
      y: top,
      width: frame.width,
      height: ROW_HEIGHT,
      fill: 'gray',
      border: 0,
    },
    ...cells(
      COLUMNS.map((column) => column.title),
      top,
      frame,
      true,
    ),
  ];
}

/** The n-th line (from 0) as a row from `top`, with its rule under it. */
export function tableRow(
  line: ManifestLine,
  index: number,
  frame: ManifestFrame,
  top: number,
): LayoutElement[] {
  const texts = [
    String(index + 1),
    printableText(line.rmaNumber),
    printableText(line.sku),
    printableText(line.title),
    String(line.quantity),
    printableText(line.disposition),
  ];
  return [...cells(texts, top, frame, false), ruleAt(frame, top + ROW_HEIGHT)];
}
