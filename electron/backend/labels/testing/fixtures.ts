import { encode as encodeJpeg } from 'jpeg-js';
import * as upngModule from '@pdf-lib/upng';
import type { Manifest, RmaLabelItem } from '../types';

/** Test data for the label tests and the bench: items, a manifest, logos made on the spot. */
export const item = (overrides: Partial<RmaLabelItem> = {}): RmaLabelItem => ({
  rmaNumber: 'NY01-A-261121-0042',
  lineNumber: 1,
  lineCount: 1,
  amazonOrderId: '112-1234567-1234567',
  sku: 'VOL-ANC700-BLK',
  asin: 'B0TEST0001',
  title: 'Voltra ANC 700 Wireless Noise Cancelling Headphones, Black',
  quantity: 1,
  grade: 'Like new',
  disposition: 'Restock store',
  environmentalTags: ['WEEE', 'BATTERY'],
  storeCode: 'NY01',
  storeName: 'New York',
  dateText: '2026-11-21 14:05',
  ...overrides,
});

/** RMA numbers as the app makes them (shared/domain/returns/rma-number.ts), n-th of a day. */
export const rmaNumber = (n: number, store = 'NY01') =>
  `${store}-A-261121-${String(n).padStart(4, '0')}`;

export const manifest = (lineCount: number, overrides: Partial<Manifest> = {}): Manifest => ({
  manifestId: 'MF-NY01-261121-03',
  storeCode: 'NY01',
  storeName: 'New York',
  storeAddress: '350 5th Ave, New York, NY 10118',
  createdAt: '2026-11-21 17:30',
  lines: Array.from({ length: lineCount }, (_, i) => ({
    rmaNumber: rmaNumber(i + 1),
    sku: `SKU-${1000 + i}`,
    title: i % 3 === 0 ? '无线降噪耳机 黑色' : `Voltra ANC ${700 + i} Wireless Headphones, Black`,
    quantity: 1 + (i % 3),
    disposition: ['Return to vendor', 'Warehouse restock', 'Refurbish'][i % 3]!,
  })),
  ...overrides,
});

/**
 * A 240×80 logo: a dark blue badge, a red bar and a light grey band (to see the dither), on
 * transparent ground. RGBA pixels first; PNG and JPEG made from them.
 */
export function logoPixels(): { width: number; height: number; rgba: Uint8Array } {
  const width = 240;
  const height = 80;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      const inBadge = (x - 40) ** 2 + (y - 40) ** 2 < 34 ** 2;
      const inBar = x > 90 && x < 230 && y > 18 && y < 38;
      const inBand = x > 90 && x < 230 && y > 48 && y < 62;
      const color = inBadge
        ? [20, 40, 120]
        : inBar
          ? [200, 30, 40]
          : inBand
            ? [170, 170, 170]
            : null;
      if (color) rgba.set([...color, 255], at);
    }
  }
  return { width, height, rgba };
}

type Upng = { encode(frames: ArrayBuffer[], w: number, h: number, colours: number): ArrayBuffer };
function upng(): Upng {
  let candidate: unknown = upngModule;
  while (typeof (candidate as Partial<Upng>).encode !== 'function') {
    candidate = (candidate as { default: unknown }).default;
  }
  return candidate as Upng;
}

export function logoPng(): Uint8Array {
  const { width, height, rgba } = logoPixels();
  return new Uint8Array(upng().encode([rgba.slice().buffer], width, height, 0));
}

export function logoJpeg(): Uint8Array {
  const { width, height, rgba } = logoPixels();
  // JPEG has no transparency: the transparent ground becomes white.
  const opaque = rgba.slice();
  for (let at = 0; at < opaque.length; at += 4) {
    if (opaque[at + 3] === 0) opaque.set([255, 255, 255, 255], at);
  }
  return new Uint8Array(encodeJpeg({ width, height, data: opaque }, 90).data);
}
