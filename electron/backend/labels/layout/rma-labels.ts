import type { RmaLabelContent } from '../content';
import type { PdfLabelTemplate } from '../types';
import { layoutCompactLabel } from './label-compact';
import { layoutTallLabel } from './label-tall';
import type { Layout, PlacedPage } from './model';
import { LABEL_PAGE } from './pages';
import { cellOrigin, labelsPerSheet, SHEET_GRID } from './sheet';

export function layoutRmaLabel(content: RmaLabelContent, template: PdfLabelTemplate): Layout {
  if (template === '4x6' || template === '62mm')
    return layoutTallLabel(content, LABEL_PAGE[template]);
  return layoutCompactLabel(content, SHEET_GRID[template].cell);
}

/** Pages of RMA labels for a template: one label per page, or sheets of 2 × 4. */
export function paginateRmaLabels(
  contents: RmaLabelContent[],
  template: PdfLabelTemplate,
): PlacedPage[] {
  if (template === '4x6' || template === '62mm') {
    return contents.map((content) => ({
      size: LABEL_PAGE[template],
      placements: [{ layout: layoutRmaLabel(content, template), left: 0, top: 0 }],
    }));
  }
  const grid = SHEET_GRID[template];
  const pages: PlacedPage[] = [];
  contents.forEach((content, i) => {
    if (i % labelsPerSheet(grid) === 0) pages.push({ size: grid.page, placements: [] });
    const { x, y } = cellOrigin(grid, i);
    pages.at(-1)!.placements.push({ layout: layoutRmaLabel(content, template), left: x, top: y });
  });
  return pages;
}
