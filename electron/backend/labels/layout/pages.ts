import type { LabelSize, SheetPaper } from '../types';

/** Page sizes in PDF points (1/72 in). */
export const MM = 72 / 25.4;

export const LABEL_PAGE: Record<LabelSize, { width: number; height: number }> = {
  '4x6': { width: 4 * 72, height: 6 * 72 },
  '62mm': { width: 62 * MM, height: 100 * MM },
};

export const PAPER: Record<SheetPaper, { width: number; height: number }> = {
  A4: { width: 210 * MM, height: 297 * MM },
  Letter: { width: 8.5 * 72, height: 11 * 72 },
};
