import type { LogoImage } from '../logo';

/**
 * A laid-out page (or label, or sheet cell): what to draw where, in points, with the origin at
 * the top left and y growing downwards. The PDF and the ZPL renderers each draw these elements
 * and decide nothing about content or position themselves.
 */
export type LayoutElement =
  | {
      kind: 'text';
      x: number;
      /** The baseline. */
      y: number;
      size: number;
      bold: boolean;
      /** Printable (script.ts) and already cut to its space (fit.ts). */
      text: string;
      /** White is for text on a black box (the REPRINT mark); gray only on PDF paper. */
      color: 'black' | 'white' | 'gray';
    }
  | {
      kind: 'box';
      x: number;
      y: number;
      width: number;
      height: number;
      fill: 'black' | 'gray' | null;
      /** Outline width in points; 0 for none. */
      border: number;
    }
  | {
      kind: 'code128';
      x: number;
      y: number;
      width: number;
      height: number;
      /** Exactly what scans; the box includes the quiet zones on either side. */
      data: string;
    }
  | { kind: 'qr'; x: number; y: number; size: number; data: string }
  | { kind: 'logo'; x: number; y: number; width: number; height: number; logo: LogoImage };

export type TextElement = Extract<LayoutElement, { kind: 'text' }>;

export interface Layout {
  width: number;
  height: number;
  elements: LayoutElement[];
}

export function textAt(
  x: number,
  y: number,
  text: string,
  size: number,
  options: { bold?: boolean; color?: TextElement['color'] } = {},
): TextElement {
  return {
    kind: 'text',
    x,
    y,
    size,
    text,
    bold: options.bold ?? false,
    color: options.color ?? 'black',
  };
}

/** Quiet zone each side of a Code 128, in modules (ISO/IEC 15417 asks for 10). */
export const CODE128_QUIET_MODULES = 10;
/** QR error correction level for both outputs: 15% of the symbol may be lost. */
export const QR_ERROR_CORRECTION = 'M';
/** White border inside a QR element's box, in modules: the layout keeps white space around. */
export const QR_QUIET_MODULES = 2;
/**
 * Narrowest Code 128 bar that handheld scanners read reliably off paper, in mm (about 6 mil).
 * Narrower comes only from an unusually long RMA number on a narrow label: it is printed
 * anyway, with a warning, as the QR code still carries the number.
 */
export const MIN_CODE128_MODULE_MM = 0.15;

/** A page of a document and the layouts on it, each at its top left corner. */
export interface PlacedPage {
  size: { width: number; height: number };
  placements: { layout: Layout; left: number; top: number }[];
}
