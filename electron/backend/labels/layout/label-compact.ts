import type { RmaLabelContent } from '../content';
import { fitLine, shrinkToFit, wrapLines } from '../fit';
import { textAt, type Layout, type LayoutElement } from './model';
import { fieldLines, logoIn, reprintMark, tagBoxes } from './parts';

/**
 * One RMA label in a cell of an A4 or Letter sheet: landscape and about half the height of a
 * 4×6 label, so the same content is packed tighter. The logo sits beside the store lines, the
 * marks beside the item's name; the Code 128 and the QR code share what height is left.
 */
export function layoutCompactLabel(
  content: RmaLabelContent,
  cell: { width: number; height: number },
): Layout {
  const { width, height } = cell;
  const pad = 12;
  const inner = width - 2 * pad;
  const bottom = height - pad;
  const elements: LayoutElement[] = [];

  let headerRight = width - pad;
  if (content.reprintMark) {
    const mark = reprintMark(content.reprintMark, width - pad, pad, 8);
    elements.push(...mark.elements);
    headerRight -= mark.width + 6;
  }
  let headerLeft = pad;
  let logoBottom = pad;
  if (content.logo) {
    const logo = logoIn(content.logo, pad, pad, Math.min(64, inner * 0.3), 30);
    elements.push(logo);
    headerLeft += logo.width + 6;
    logoBottom += logo.height;
  }
  const headerWidth = headerRight - headerLeft;
  let y = pad;
  const line = (text: string, size: number) => {
    y += size * 1.2;
    const shown = fitLine(text, headerWidth, { size });
    if (shown) elements.push(textAt(headerLeft, y, shown, size));
  };
  line(content.storeLine, 8.5);
  if (content.address) line(content.address, 7);
  line(content.dateText, 7);
  y = Math.max(y + 2, logoBottom) + 2;
  const rma = shrinkToFit(content.rmaNumber, inner, 16, 6, true);
  y += rma.size * 1.05;
  elements.push(textAt(pad, y, rma.text, rma.size, { bold: true }));
  y += rma.size * 0.25 + 3;

  // The item's name (one or two lines) and the marks take the bottom; barcodes get the rest.
  const titleSize = 8;
  const titleLineHeight = titleSize * 1.25;
  const tags = tagBoxes(content.tags, width - pad, bottom, 7, 'right');
  const tagsWidth = tags.width;
  elements.push(...tags.elements);
  const titleBlock = Math.max(titleLineHeight, tags.height);
  const room = bottom - titleBlock - 4 - y;
  const barHeight = Math.max(22, Math.min(40, room * 0.32));
  elements.push({
    kind: 'code128',
    x: pad / 2,
    y,
    width: width - pad,
    height: barHeight,
    data: content.rmaNumber,
  });
  y += barHeight + 4;
  const qrSize = Math.max(40, Math.min(72, bottom - titleBlock - 4 - y));
  elements.push({ kind: 'qr', x: width - pad - qrSize, y, size: qrSize, data: content.rmaNumber });
  const fieldSize = Math.min(7.5, qrSize / content.fields.length / 1.2);
  const details = fieldLines(
    content.fields,
    pad,
    y + fieldSize,
    inner - qrSize - 6,
    fieldSize,
    fieldSize * 1.2,
  );
  elements.push(...details.elements);
  y = Math.max(details.bottom, y + qrSize) + 2;

  const titleWidth = inner - (tagsWidth ? tagsWidth + 6 : 0);
  const maxLines = Math.min(2, Math.floor((bottom - y) / titleLineHeight));
  for (const titleLine of wrapLines(content.title, titleWidth, maxLines, { size: titleSize })) {
    y += titleLineHeight;
    elements.push(textAt(pad, y - titleSize * 0.25, titleLine, titleSize));
  }
  return { width, height, elements };
}
