import { fitLine } from '../fit';
import { printableText } from '../script';
import type { Manifest } from '../types';
import { ruleAt, type ManifestFrame } from './manifest-frame';
import { textAt, type LayoutElement } from './model';

/** The end of a manifest: totals, units and lines per disposition, and two signature lines. */
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const dispositionOf = (line: { disposition: string }) => printableText(line.disposition) || '—';

const FIRST_LINE = 16;
const LINE = 12;
const BEFORE_SIGNATURES = 34;
const SIGNATURE_CAPTION = 14;

export function totalsHeight(manifest: Manifest): number {
  const dispositions = new Set(manifest.lines.map(dispositionOf)).size;
  return FIRST_LINE + LINE * dispositions + BEFORE_SIGNATURES + SIGNATURE_CAPTION;
}

export function manifestTotals(
  manifest: Manifest,
  frame: ManifestFrame,
  top: number,
): LayoutElement[] {
  const units = manifest.lines.reduce((sum, line) => sum + line.quantity, 0);
  const rmas = new Set(manifest.lines.map((line) => line.rmaNumber)).size;
  const byDisposition = new Map<string, { lines: number; units: number }>();
  for (const line of manifest.lines) {
    const tally = byDisposition.get(dispositionOf(line)) ?? { lines: 0, units: 0 };
    tally.lines += 1;
    tally.units += line.quantity;
    byDisposition.set(dispositionOf(line), tally);
  }
  const total = `Total: ${count(manifest.lines.length, 'line')}, ${count(rmas, 'RMA')}, ${count(units, 'unit')}`;
  let y = top + FIRST_LINE;
  const elements: LayoutElement[] = [
    ruleAt(frame, top),
    textAt(frame.left, y, fitLine(total, frame.width, { size: 10, bold: true }), 10, {
      bold: true,
    }),
  ];
  for (const [disposition, tally] of byDisposition) {
    y += LINE;
    const text = `${disposition}: ${count(tally.units, 'unit')} (${count(tally.lines, 'line')})`;
    elements.push(textAt(frame.left + 12, y, fitLine(text, frame.width - 12, { size: 9 }), 9));
  }
  y += BEFORE_SIGNATURES;
  const gap = 24;
  const half = (frame.width - gap) / 2;
  ['Packed by (store)', 'Received by (warehouse)'].forEach((who, i) => {
    const x = frame.left + i * (half + gap);
    elements.push(
      { kind: 'box', x, y, width: half, height: 0.6, fill: 'black', border: 0 },
      textAt(x, y + 11, `${who}, name, signature and date`, 8, { color: 'gray' }),
    );
  });
  return elements;
}
