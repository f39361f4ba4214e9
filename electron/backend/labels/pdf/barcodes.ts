import {
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingGrayscaleColor,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import { code128Pattern, qrMatrix } from '../barcodes';
import { CODE128_QUIET_MODULES, QR_QUIET_MODULES } from '../layout/model';

/**
 * Barcodes as one filled path each: all bars (or all dark modules, merged along rows) as
 * rectangles of a single path, so rasterizers leave no hairline seams between neighbours.
 * Boxes are in page coordinates with y growing upwards; (x, y) is the bottom left corner.
 */
function fillRects(page: PDFPage, rects: [number, number, number, number][]): void {
  const ops: PDFOperator[] = [pushGraphicsState(), setFillingGrayscaleColor(0)];
  for (const [x, y, w, h] of rects) ops.push(rectangle(x, y, w, h));
  ops.push(fill(), popGraphicsState());
  page.pushOperators(...ops);
}

/** Draws the Code 128 centred in its box; returns the module width in points. */
export function drawCode128(
  page: PDFPage,
  data: string,
  box: { x: number; y: number; width: number; height: number },
): number {
  const pattern = code128Pattern(data);
  const module = box.width / (pattern.modules + 2 * CODE128_QUIET_MODULES);
  const left = box.x + (box.width - pattern.modules * module) / 2;
  fillRects(
    page,
    pattern.bars.map(([start, width]) => [
      left + start * module,
      box.y,
      width * module,
      box.height,
    ]),
  );
  return module;
}

export function drawQr(page: PDFPage, data: string, box: { x: number; y: number; size: number }) {
  const matrix = qrMatrix(data);
  const module = box.size / (matrix.size + 2 * QR_QUIET_MODULES);
  const left = box.x + QR_QUIET_MODULES * module;
  const top = box.y + box.size - QR_QUIET_MODULES * module;
  const rects: [number, number, number, number][] = [];
  matrix.rows.forEach((runs, row) => {
    for (const [start, length] of runs) {
      rects.push([left + start * module, top - (row + 1) * module, length * module, module]);
    }
  });
  fillRects(page, rects);
}
