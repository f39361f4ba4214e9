import { fitLine } from '../fit';
import type { LogoImage } from '../logo';
import { textWidth } from '../metrics';
import { printableText } from '../script';
import type { Manifest, SheetPaper } from '../types';
import { MANIFEST_MARGIN, type ManifestFrame } from './manifest-frame';
import { manifestHeader } from './manifest-header';
import { ROW_HEIGHT, tableHead, tableRow } from './manifest-table';
import { manifestTotals, totalsHeight } from './manifest-totals';
import { textAt, type LayoutElement, type PlacedPage } from './model';
import { PAPER } from './pages';

/**
 * A bag or tote manifest on A4 or Letter, paginated: every page has the header and a footer
 * with the page number; the table of RMAs runs across as many pages as it needs; the totals
 * and signature lines close the last page, or take one of their own when the rows filled it.
 */
const FOOTER_HEIGHT = 24;

export function layoutManifest(
  manifest: Manifest,
  paper: SheetPaper,
  logo: LogoImage | null,
): PlacedPage[] {
  const size = PAPER[paper];
  const frame: ManifestFrame = {
    left: MANIFEST_MARGIN,
    top: MANIFEST_MARGIN,
    width: size.width - 2 * MANIFEST_MARGIN,
  };
  const header = manifestHeader(manifest, logo, frame);
  const tableTop = header.bottom;
  const bodyBottom = size.height - MANIFEST_MARGIN - FOOTER_HEIGHT;
  const rowsPerPage = Math.floor((bodyBottom - tableTop) / ROW_HEIGHT) - 1;

  const pages: LayoutElement[][] = [];
  let index = 0;
  while (index < manifest.lines.length) {
    const elements = [...header.elements, ...tableHead(frame, tableTop)];
    let y = tableTop + ROW_HEIGHT;
    for (let row = 0; row < rowsPerPage && index < manifest.lines.length; row++, index++) {
      elements.push(...tableRow(manifest.lines[index]!, index, frame, y));
      y += ROW_HEIGHT;
    }
    pages.push(elements);
    if (index === manifest.lines.length) {
      const totalsTop = y + 8;
      if (totalsTop + totalsHeight(manifest) <= bodyBottom) {
        elements.push(...manifestTotals(manifest, frame, totalsTop));
      } else {
        pages.push([...header.elements, ...manifestTotals(manifest, frame, tableTop)]);
      }
    }
  }

  const footerY = size.height - MANIFEST_MARGIN;
  const sender = printableText(
    `Manifest ${manifest.manifestId}, ${manifest.storeName} (${manifest.storeCode})`,
  );
  return pages.map((elements, i) => {
    const pageText = `Page ${i + 1} of ${pages.length}`;
    const footer = [
      textAt(frame.left, footerY, fitLine(sender, frame.width - 80, { size: 8 }), 8, {
        color: 'gray',
      }),
      textAt(frame.left + frame.width - textWidth(pageText, 8), footerY, pageText, 8, {
        color: 'gray',
      }),
    ];
    return {
      size,
      placements: [{ left: 0, top: 0, layout: { ...size, elements: [...elements, ...footer] } }],
    };
  });
}
