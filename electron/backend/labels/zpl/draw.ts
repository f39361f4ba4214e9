import type { Layout, LayoutElement, TextElement } from '../layout/model';
import { MIN_CODE128_MODULE_MM } from '../layout/model';
import { textWidth } from '../metrics';
import { scriptRuns } from '../script';
import type { LabelWarning } from '../types';
import { code128Field, qrField } from './barcodes';
import { dotsPerPoint, fieldData } from './commands';
import { logoGraphic } from './graphic';

export interface ZplDrawOptions {
  dpmm: number;
  /** The printer-resident TrueType font for CJK text, e.g. `E:ANMDJ.TTF`. */
  cjkFont: string;
}

/**
 * Text as ZPL fields, one per run: Latin in the built-in scalable font 0, CJK in the printer's
 * TrueType font (^A@). Each run starts where the layout's measure (an upper bound for both
 * fonts, metrics.ts) ends the one before, so runs never overlap and lines stay in their width.
 * ^FT places a field by its baseline, as the layout does.
 */
function textFields(element: TextElement, options: ZplDrawOptions): string[] {
  const scale = dotsPerPoint(options.dpmm);
  const height = Math.max(10, Math.round(element.size * scale));
  const reverse = element.color === 'white' ? '^FR' : '';
  const fields: string[] = [];
  let x = element.x;
  for (const run of scriptRuns(element.text)) {
    if (run.text.trim()) {
      const font =
        run.script === 'latin'
          ? `^A0N,${height},${height}`
          : `^A@N,${height},${height},${options.cjkFont}`;
      const at = `^FT${Math.round(x * scale)},${Math.round(element.y * scale)}`;
      fields.push(`${at}${font}${reverse}${fieldData(run.text)}^FS`);
    }
    x += textWidth(run.text, element.size, element.bold);
  }
  return fields;
}

function elementFields(
  element: LayoutElement,
  options: ZplDrawOptions,
  warn: (warning: LabelWarning) => void,
): string[] {
  const scale = dotsPerPoint(options.dpmm);
  const dots = (points: number) => Math.round(points * scale);
  switch (element.kind) {
    case 'text':
      return textFields(element, options);
    case 'box': {
      // ZPL has no grey; grey boxes are shading for paper only, none is on a label.
      if (!element.fill && !element.border) return [];
      if (element.fill === 'gray') return [];
      const width = Math.max(1, dots(element.width));
      const height = Math.max(1, dots(element.height));
      const thickness = element.fill ? Math.min(width, height) : Math.max(1, dots(element.border));
      return [`^FO${dots(element.x)},${dots(element.y)}^GB${width},${height},${thickness},B,0^FS`];
    }
    case 'code128': {
      const { zpl, moduleDots } = code128Field(element.data, {
        x: dots(element.x),
        y: dots(element.y),
        width: dots(element.width),
        height: dots(element.height),
      });
      if (moduleDots / options.dpmm < MIN_CODE128_MODULE_MM) warn('BARCODE_TOO_DENSE');
      return [zpl];
    }
    case 'qr':
      return [
        qrField(element.data, { x: dots(element.x), y: dots(element.y), size: dots(element.size) }),
      ];
    case 'logo':
      return [
        logoGraphic(element.logo, {
          x: dots(element.x),
          y: dots(element.y),
          width: dots(element.width),
          height: dots(element.height),
        }),
      ];
  }
}

/** One label as a ZPL format, ^XA to ^XZ, UTF-8 (^CI28), sized to the label. */
export function zplLabel(
  layout: Layout,
  options: ZplDrawOptions,
  warn: (warning: LabelWarning) => void,
): string {
  const scale = dotsPerPoint(options.dpmm);
  const lines = [
    '^XA',
    '^CI28',
    `^PW${Math.floor(layout.width * scale)}`,
    `^LL${Math.floor(layout.height * scale)}`,
    '^LH0,0',
    ...layout.elements.flatMap((element) => elementFields(element, options, warn)),
    '^XZ',
  ];
  return lines.join('\n');
}
