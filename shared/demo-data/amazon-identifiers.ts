import { type MarketplaceCode } from '../domain/marketplaces';
import { type Prng } from './prng';

/**
 * Identifiers in the shapes Amazon uses, so lookups, scanners and input masks are exercised
 * with realistic values.
 */

/** First groups seen on real order ids; they hint at the marketplace's region. */
const ORDER_ID_PREFIXES: Record<MarketplaceCode, readonly string[]> = {
  US: ['111', '112', '113', '114'],
  CA: ['701', '702'],
  UK: ['202', '203', '204', '205', '026'],
  DE: ['302', '303', '304', '305', '028'],
  FR: ['402', '403', '404', '405', '171'],
  JP: ['249', '250', '503'],
};

/** `###-#######-#######`, unique within `taken` (which it updates). */
export function amazonOrderId(rng: Prng, marketplace: MarketplaceCode, taken: Set<string>): string {
  for (;;) {
    const id = `${rng.pick(ORDER_ID_PREFIXES[marketplace])}-${rng.digits(7)}-${rng.digits(7)}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** Amazon's OrderItemId: 14 digits, no leading zero, unique within `taken`. */
export function orderItemId(rng: Prng, taken: Set<string>): string {
  for (;;) {
    const id = `${rng.int(1, 9)}${rng.digits(13)}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** A manufacturer serial: the product's prefix, then ten capitals and digits without 0/O, 1/I. */
export function serialNumber(rng: Prng, prefix: string): string {
  return `${prefix}${rng.chars('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', 10)}`;
}
