import * as upngModule from '@pdf-lib/upng';
import { decode as decodeJpeg } from 'jpeg-js';
import { jpegSize } from './jpeg-check';
import { checkPng } from './png-check';
import type { LabelWarning } from './types';

/**
 * The store logo from settings, checked once for both outputs: only a PNG or JPEG that decodes
 * completely is printed, so the PDF and the ZPL of a label always agree on whether it has one
 * (pdf-lib alone would pass a JPEG with a broken body into the PDF unread).
 */
export interface LogoImage {
  format: 'png' | 'jpeg';
  bytes: Uint8Array;
  width: number;
  height: number;
  /** Decoded pixels, 4 bytes each (RGBA), row by row: the ZPL output dithers them. */
  rgba: Uint8Array;
}

/** A logo needs no more: beyond it decoding costs time and memory for nothing on a label. */
export const MAX_LOGO_PIXELS = 2048 * 2048;

type LogoResult = { logo: LogoImage; warning: null } | { logo: null; warning: LabelWarning };

/**
 * @pdf-lib/upng is CommonJS with an ES-module default: depending on who loads it (Node's ESM
 * loader in tests, esbuild in the app) the decoder sits one or two `default`s deep.
 */
type Upng = { decode(data: ArrayBuffer): unknown; toRGBA8(image: unknown): ArrayBuffer[] };
function upng(): Upng {
  let candidate: unknown = upngModule;
  for (let depth = 0; depth < 3; depth++) {
    if (typeof (candidate as Partial<Upng>).decode === 'function') return candidate as Upng;
    candidate = (candidate as { default?: unknown }).default;
  }
  throw new Error('@pdf-lib/upng: no decode()');
}

function decodePixels(format: LogoImage['format'], bytes: Uint8Array): Uint8Array {
  if (format === 'jpeg') {
    return decodeJpeg(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_LOGO_PIXELS / 1_000_000 + 1,
      maxMemoryUsageInMB: 128,
    }).data;
  }
  const png = upng();
  const copy = bytes.slice().buffer;
  return new Uint8Array(png.toRGBA8(png.decode(copy))[0]!);
}

const checked = new WeakMap<Uint8Array, LogoResult>();

/** The logo, decoded, or why it is left off. Remembered per byte array: settings change rarely. */
export function inspectLogo(bytes: Uint8Array): LogoResult {
  const known = checked.get(bytes);
  if (known) return known;
  const result = inspect(bytes);
  checked.set(bytes, result);
  return result;
}

function inspect(bytes: Uint8Array): LogoResult {
  const png = checkPng(bytes, MAX_LOGO_PIXELS);
  if (png === 'TOO_LARGE') return { logo: null, warning: 'LOGO_TOO_LARGE' };
  const format = png === 'NOT_A_PNG' ? 'jpeg' : 'png';
  const size = png === 'NOT_A_PNG' ? jpegSize(bytes) : png;
  if (!size || size.width < 1 || size.height < 1) {
    return { logo: null, warning: 'LOGO_NOT_AN_IMAGE' };
  }
  if (size.width * size.height > MAX_LOGO_PIXELS) return { logo: null, warning: 'LOGO_TOO_LARGE' };
  try {
    const rgba = decodePixels(format, bytes);
    if (rgba.length < size.width * size.height * 4) throw new Error('short image data');
    return { logo: { format, bytes, ...size, rgba }, warning: null };
  } catch {
    return { logo: null, warning: 'LOGO_NOT_AN_IMAGE' };
  }
}
