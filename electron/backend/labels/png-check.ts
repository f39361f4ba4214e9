import { crc32, inflateSync } from 'node:zlib';

/**
 * Checks a PNG completely before anything decodes it: the PNG decoder that pdf-lib uses
 * (@pdf-lib/upng) loops forever on a truncated file or on a corrupt compressed stream, and a
 * logo comes from settings anyone with access may upload. Accepted: every chunk whole with a
 * good CRC, a valid header first, IEND last, and image data that inflates (Node's zlib, which
 * fails cleanly) to exactly the size the header promises.
 */
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Bit depths allowed per colour type, and channels per pixel. */
const COLOUR_TYPES: Record<number, { depths: number[]; channels: number }> = {
  0: { depths: [1, 2, 4, 8, 16], channels: 1 }, // grey
  2: { depths: [8, 16], channels: 3 }, // RGB
  3: { depths: [1, 2, 4, 8], channels: 1 }, // palette
  4: { depths: [8, 16], channels: 2 }, // grey + alpha
  6: { depths: [8, 16], channels: 4 }, // RGBA
};

/** Adam7 passes: start and step in x and y. */
const ADAM7 = [
  [0, 8, 0, 8],
  [4, 8, 0, 8],
  [0, 4, 4, 8],
  [2, 4, 0, 4],
  [0, 2, 2, 4],
  [1, 2, 0, 2],
  [0, 1, 1, 2],
] as const;

interface Header {
  width: number;
  height: number;
  bitsPerPixel: number;
  interlaced: boolean;
}

/** Filtered image data size: a filter byte and the packed pixels per row, per pass. */
function dataSize({ width, height, bitsPerPixel, interlaced }: Header): number {
  const rows = (w: number, h: number) =>
    w > 0 && h > 0 ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0;
  if (!interlaced) return rows(width, height);
  return ADAM7.reduce(
    (sum, [x0, dx, y0, dy]) =>
      sum + rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)),
    0,
  );
}

export function checkPng(
  bytes: Uint8Array,
  maxPixels: number,
): { width: number; height: number } | 'NOT_A_PNG' | 'TOO_LARGE' {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) return 'NOT_A_PNG';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: Header | null = null;
  const data: Uint8Array[] = [];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (end > bytes.length) return 'NOT_A_PNG';
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== view.getUint32(at + 8 + length)) {
      return 'NOT_A_PNG';
    }
    if (!header) {
      if (type !== 'IHDR' || length !== 13) return 'NOT_A_PNG';
      const [depth, colour, compression, filter, interlace] = bytes.subarray(at + 16, at + 21);
      const colourType = COLOUR_TYPES[colour!];
      if (!colourType?.depths.includes(depth!) || compression !== 0 || filter !== 0) {
        return 'NOT_A_PNG';
      }
      if (interlace !== 0 && interlace !== 1) return 'NOT_A_PNG';
      header = {
        width: view.getUint32(at + 8),
        height: view.getUint32(at + 12),
        bitsPerPixel: depth! * colourType.channels,
        interlaced: interlace === 1,
      };
      if (header.width < 1 || header.height < 1) return 'NOT_A_PNG';
      if (header.width * header.height > maxPixels) return 'TOO_LARGE';
    } else if (type === 'IDAT') {
      data.push(bytes.subarray(at + 8, at + 8 + length));
    } else if (type === 'IEND') {
      const expected = dataSize(header);
      try {
        const inflated = inflateSync(Buffer.concat(data), { maxOutputLength: expected + 1 });
        return inflated.length === expected ? header : 'NOT_A_PNG';
      } catch {
        return 'NOT_A_PNG';
      }
    }
    at = end;
  }
  return 'NOT_A_PNG';
}
