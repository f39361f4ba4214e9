import type { RmaLabelContent } from '../content';
import { fitLine, shrinkToFit, wrapLines } from '../fit';
import { textAt, type Layout, type LayoutElement } from './model';
import { fieldLines, logoIn, reprintMark, tagBoxes } from './parts';

/**
 * One RMA label on its own page, portrait: the 4×6 in shipping label and the 62 mm roll (all
 * sizes scale with the width, 4×6 being 1). Top to bottom: logo, store, address, date, the RMA
 * number as large as fits, a Code 128 across the label, the details beside a QR code, the
 * item's name and the environmental marks.
 */
export function layoutTallLabel(
  content: RmaLabelContent,
  page: { width: number; height: number },
): Layout {
  const { width, height } = page;
  const s = width / 288;
  const margin = Math.round(width * 0.06);
  const inner = width - 2 * margin;
  const bottom = height - margin;
  const elements: LayoutElement[] = [];

  // The REPRINT mark sits top right; the header lines beside it keep clear of it.
  let headerWidth = inner;
  if (content.reprintMark) {
    const mark = reprintMark(content.reprintMark, width - margin, margin, 9 * s);
    elements.push(...mark.elements);
    headerWidth = inner - mark.width - 6 * s;
  }

  let y = margin;
  if (content.logo) {
    const logo = logoIn(content.logo, margin, y, Math.min(headerWidth, inner * 0.5), 28 * s);
    elements.push(logo);
    y += logo.height + 4 * s;
  }
  const line = (text: string, size: number, lineWidth = headerWidth) => {
    y += size * 1.25;
    const shown = fitLine(text, lineWidth, { size });
    if (shown) elements.push(textAt(margin, y, shown, size));
  };
  line(content.storeLine, 9 * s);
  for (const addressLine of wrapLines(content.address, headerWidth, 2, { size: 8 * s })) {
    y += 8 * s * 1.25;
    elements.push(textAt(margin, y, addressLine, 8 * s));
  }
  line(content.dateText, 8 * s);
  y += 4 * s;
  const rma = shrinkToFit(content.rmaNumber, inner, 22 * s, 6, true);
  y += rma.size * 1.25;
  elements.push(textAt(margin, y, rma.text, rma.size, { bold: true }));

  // Code 128 across the label; its quiet zones reach into the margins, which are white: on
  // the 62 mm roll at 203 dpi that is what lets bars of 2 dots fit.
  const barHeight = Math.min(70 * s, inner * 0.3);
  y += rma.size * 0.25 + 6 * s;
  elements.push({
    kind: 'code128',
    x: margin / 4,
    y,
    width: width - margin / 2,
    height: barHeight,
    data: content.rmaNumber,
  });
  y += barHeight;

  // Details beside the QR code.
  const qrSize = Math.round(96 * s);
  const detailsTop = y + 8 * s;
  elements.push({
    kind: 'qr',
    x: width - margin - qrSize,
    y: detailsTop,
    size: qrSize,
    data: content.rmaNumber,
  });
  const fieldSize = 8.5 * s;
  const details = fieldLines(
    content.fields,
    margin,
    detailsTop + fieldSize,
    inner - qrSize - 6 * s,
    fieldSize,
    fieldSize * 1.3,
  );
  elements.push(...details.elements);
  y = Math.max(details.bottom, detailsTop + qrSize) + 6 * s;

  // Environmental marks at the bottom; the item's name, wrapped, fills what is left above.
  const tagSize = 9 * s;
  const tags = tagBoxes(content.tags, margin, bottom, tagSize);
  elements.push(...tags.elements);
  const titleSize = 9 * s;
  const lineHeight = titleSize * 1.3;
  const titleBottom = bottom - (tags.height ? tags.height + 4 * s : 0);
  const maxLines = Math.min(6, Math.floor((titleBottom - y) / lineHeight));
  for (const titleLine of wrapLines(content.title, inner, maxLines, { size: titleSize })) {
    y += lineHeight;
    elements.push(textAt(margin, y - titleSize * 0.25, titleLine, titleSize));
  }
  return { width, height, elements };
}
