import { rgb, type PDFPage } from 'pdf-lib';
import type { Layout } from '../layout/model';
import { MM } from '../layout/pages';
import { MIN_CODE128_MODULE_MM } from '../layout/model';
import type { LabelWarning } from '../types';
import { drawCode128, drawQr } from './barcodes';
import type { PdfFonts } from './fonts';
import type { PdfLogos } from './logos';
import { drawTextElement } from './text';

const FILLS = { black: rgb(0, 0, 0), gray: rgb(0.9, 0.9, 0.9) };

/**
 * Draws a layout on a PDF page with its top left corner at (left, top) from the page's top
 * left: layouts count y downwards, PDF pages upwards.
 */
export async function drawLayout(
  page: PDFPage,
  layout: Layout,
  at: { left: number; top: number },
  resources: { fonts: PdfFonts; logos: PdfLogos },
  warn: (warning: LabelWarning) => void,
): Promise<void> {
  const pageHeight = page.getHeight();
  const x = (value: number) => at.left + value;
  const y = (value: number) => pageHeight - at.top - value;
  for (const element of layout.elements) {
    switch (element.kind) {
      case 'text':
        drawTextElement(page, element, resources.fonts, x(element.x), y(element.y));
        break;
      case 'box':
        page.drawRectangle({
          x: x(element.x),
          y: y(element.y + element.height),
          width: element.width,
          height: element.height,
          ...(element.fill ? { color: FILLS[element.fill] } : {}),
          ...(element.border ? { borderColor: FILLS.black, borderWidth: element.border } : {}),
        });
        break;
      case 'code128': {
        const module = drawCode128(page, element.data, {
          x: x(element.x),
          y: y(element.y + element.height),
          width: element.width,
          height: element.height,
        });
        if (module / MM < MIN_CODE128_MODULE_MM) warn('BARCODE_TOO_DENSE');
        break;
      }
      case 'qr':
        drawQr(page, element.data, {
          x: x(element.x),
          y: y(element.y + element.size),
          size: element.size,
        });
        break;
      case 'logo': {
        const image = await resources.logos.get(element.logo);
        if (!image) warn('LOGO_NOT_AN_IMAGE');
        else {
          page.drawImage(image, {
            x: x(element.x),
            y: y(element.y + element.height),
            width: element.width,
            height: element.height,
          });
        }
        break;
      }
    }
  }
}
