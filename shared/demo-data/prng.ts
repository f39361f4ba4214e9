/**
 * A small seeded pseudo-random generator. Demo data must come out identical on the desktop, in
 * the back office and in the simulator, so nothing here may touch Math.random or crypto, and
 * nothing may depend on the JS engine: only 32-bit integer operations (Math.imul, shifts).
 *
 * sfc32 (Chris Doty-Humphrey's "small fast counting" generator) is seeded through splitmix32,
 * so neighbouring seeds (1, 2, 3…) still give unrelated streams.
 */

const TWO_POW_32 = 0x1_0000_0000;

function splitmix32(state: number): () => number {
  let a = state | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

/**
 * Folds any JS number into two 32-bit words, so seeds above 2^32 or below zero are not
 * silently truncated into the same stream as a small seed.
 */
function seedWords(seed: number): [number, number] {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const whole = Math.trunc(seed);
  const lo = whole >>> 0;
  const hi = Math.floor(whole / TWO_POW_32) >>> 0;
  return [lo, hi];
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `words` are 32-bit integers; see `prngFromSeed` and `prngFromString`. */
  constructor(words: readonly number[]) {
    const mix = splitmix32(
      words.reduce((acc, w) => Math.imul(acc ^ (w >>> 0), 0x85ebca6b), 0x1234567),
    );
    this.a = mix() ^ (words[0] ?? 0);
    this.b = mix() ^ (words[1] ?? 0);
    this.c = mix();
    this.d = mix();
    // Warm up: the first outputs of sfc32 still show the seed's structure.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    const t0 = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    const t = (t0 + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / TWO_POW_32;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
      throw new RangeError(`bad integer range [${min}, ${max}]`);
    }
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new RangeError('cannot pick from an empty list');
    return item;
  }

  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string | number>(weights: readonly (readonly [K, number])[]): K {
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.float() * total;
    for (const [key, w] of weights) {
      roll -= w;
      if (roll < 0) return key;
    }
    const last = weights[weights.length - 1];
    if (last === undefined) throw new RangeError('cannot pick from an empty weight table');
    return last[0];
  }

  /** `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.float() * alphabet.length)];
    return out;
  }

  /** `length` decimal digits (leading zeros allowed). */
  digits(length: number): string {
    return this.chars('0123456789', length);
  }

  /** Fisher–Yates on a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}

export function prngFromSeed(seed: number): Prng {
  return new Prng(seedWords(seed));
}

/**
 * A generator keyed by a string, for records that must keep the same random-looking values no
 * matter what else is generated (e.g. the id of store NY01). Hash: cyrb53 by bryc (public domain).
 */
export function prngFromString(key: string): Prng {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return new Prng([h1 >>> 0, h2 >>> 0]);
}
