// The Node build explicitly: its package exports pick a browser build under some conditions.
import bwipjs from 'bwip-js/node';
import { QR_ERROR_CORRECTION } from './layout/model';

/**
 * Barcodes for the PDF as bars and modules from bwip-js (a port of BWIPP), drawn as vector
 * rectangles: sharp at any printer resolution, and some 15× faster than rendering and
 * embedding a PNG per label (1 ms rather than 18 ms for both codes). The ZPL output does not
 * use these: a Zebra draws its own from ^BC and ^BQ.
 */
export interface Code128Pattern {
  /** Width of the symbol in modules, without quiet zones. */
  modules: number;
  /** Bars as [start, width] in modules from the symbol's left edge. */
  bars: [number, number][];
}

export interface QrMatrix {
  /** Modules per side, without quiet zone. */
  size: number;
  /** One row per entry: dark runs as [start, length] in modules. */
  rows: [number, number][][];
}

type RawLinear = { sbs: number[] };
type RawMatrix = { pixs: number[]; pixx: number; pixy: number };

const patterns = new Map<string, Code128Pattern>();
const matrices = new Map<string, QrMatrix>();
/** Bounded: a sheet run over a day's returns should not keep every code it drew. */
const CACHE_LIMIT = 512;

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, value);
  }
  return value;
}

export function code128Pattern(data: string): Code128Pattern {
  return remember(patterns, data, () => {
    const [raw] = bwipjs.raw('code128', data, {}) as RawLinear[];
    const bars: [number, number][] = [];
    let at = 0;
    // sbs alternates bar and space widths, starting with a bar.
    raw!.sbs.forEach((width, i) => {
      if (i % 2 === 0) bars.push([at, width]);
      at += width;
    });
    return { modules: at, bars };
  });
}

export function qrMatrix(data: string): QrMatrix {
  return remember(matrices, data, () => {
    const [raw] = bwipjs.raw('qrcode', data, `eclevel=${QR_ERROR_CORRECTION}`) as RawMatrix[];
    const { pixs, pixx, pixy } = raw!;
    const rows: [number, number][][] = [];
    for (let row = 0; row < pixy; row++) {
      const runs: [number, number][] = [];
      for (let col = 0; col < pixx; col++) {
        if (!pixs[row * pixx + col]) continue;
        const last = runs.at(-1);
        if (last && last[0] + last[1] === col) last[1] += 1;
        else runs.push([col, 1]);
      }
      rows.push(runs);
    }
    return { size: pixx, rows };
  });
}
