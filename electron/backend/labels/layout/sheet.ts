import type { SheetPaper } from '../types';
import { MM, PAPER } from './pages';

/**
 * Label sheets: 2 columns × 4 rows of labels on office paper, laid out like the common
 * adhesive sheets of that paper (A4: 99.1 × 67.7 mm labels, as Avery L7165; Letter: 4 × 2½ in),
 * so they print on those sheets or on plain paper to cut.
 */
export interface SheetGrid {
  page: { width: number; height: number };
  columns: number;
  rows: number;
  cell: { width: number; height: number };
  left: number;
  top: number;
  gapX: number;
  gapY: number;
}

export const SHEET_GRID: Record<SheetPaper, SheetGrid> = {
  A4: {
    page: PAPER.A4,
    columns: 2,
    rows: 4,
    cell: { width: 99.1 * MM, height: 67.7 * MM },
    left: 4.65 * MM,
    top: 13.1 * MM,
    gapX: 2.5 * MM,
    gapY: 0,
  },
  Letter: {
    page: PAPER.Letter,
    columns: 2,
    rows: 4,
    cell: { width: 4 * 72, height: 2.5 * 72 },
    left: 0.1875 * 72,
    top: 0.5 * 72,
    gapX: 0.125 * 72,
    gapY: 0,
  },
};

export const labelsPerSheet = (grid: SheetGrid) => grid.columns * grid.rows;

/** Top left corner of the n-th label on its page, filling rows left to right. */
export function cellOrigin(grid: SheetGrid, index: number): { x: number; y: number } {
  const slot = index % labelsPerSheet(grid);
  const column = slot % grid.columns;
  const row = Math.floor(slot / grid.columns);
  return {
    x: grid.left + column * (grid.cell.width + grid.gapX),
    y: grid.top + row * (grid.cell.height + grid.gapY),
  };
}
