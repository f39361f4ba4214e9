import { type Prng } from './prng';

/**
 * UUIDv7 (RFC 9562 §5.7) from a seeded generator instead of crypto, so demo ids are repeatable.
 * The first 48 bits carry `unixMs`, like the ids the app makes itself (DESIGN.md §4), so demo
 * rows sort by time the same way real ones do.
 *
 *   tttttttt-tttt-7aaa-Vbbb-bbbbbbbbbbbb   t = unix ms, 7 = version, V = variant (8, 9, a or b)
 */
export function uuidV7(rng: Prng, unixMs: number): string {
  if (!Number.isSafeInteger(unixMs) || unixMs < 0 || unixMs >= 2 ** 48) {
    throw new RangeError(`UUIDv7 time must be a 48-bit ms count, got ${unixMs}`);
  }
  const time = unixMs.toString(16).padStart(12, '0');
  const randA = rng.int(0, 0xfff).toString(16).padStart(3, '0');
  const variant = (0x8 | rng.int(0, 3)).toString(16);
  const randB1 = rng.int(0, 0xfff).toString(16).padStart(3, '0');
  const randB2 =
    rng.int(0, 0xffffff).toString(16).padStart(6, '0') +
    rng.int(0, 0xffffff).toString(16).padStart(6, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${randA}-${variant}${randB1}-${randB2}`;
}
