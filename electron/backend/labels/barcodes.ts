// The Node build explicitly: its package exports pick a browser build under some conditions.
import bwipjs from 'bwip-js/node';

/**
 * Barcodes as PNG from bwip-js (a port of BWIPP). Rendered at a high scale and placed in the
 * PDF at print size, so the bars stay crisp on 203 and 300 dpi printers.
 */
export function code128Png(text: string): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid: 'code128',
    text,
    scale: 4,
    height: 12,
    includetext: false,
    paddingwidth: 10,
    paddingheight: 2,
    backgroundcolor: 'FFFFFF',
  });
}

export function qrPng(text: string): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid: 'qrcode',
    text,
    scale: 6,
    paddingwidth: 4,
    paddingheight: 4,
    backgroundcolor: 'FFFFFF',
  });
}
