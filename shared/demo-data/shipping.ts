import { type MarketplaceCode } from '../domain/marketplaces';
import { type Prng } from './prng';

/**
 * What a buyer paid for shipping. Most Amazon orders ship free (Prime, or over the free-shipping
 * threshold); the rest pay a flat standard rate. Amounts in the marketplace's minor units.
 */
const STANDARD_RATE: Record<MarketplaceCode, number> = {
  US: 599,
  CA: 799,
  UK: 299,
  DE: 399,
  FR: 399,
  JP: 410,
};

/** Item subtotals at or above this usually ship free. */
const FREE_FROM: Record<MarketplaceCode, number> = {
  US: 3500,
  CA: 3500,
  UK: 2500,
  DE: 3900,
  FR: 3500,
  JP: 3500,
};

export function shippingChargeMinor(
  rng: Prng,
  marketplace: MarketplaceCode,
  fulfillment: 'MFN' | 'AFN',
  itemsSubtotalMinor: number,
): number {
  const small = itemsSubtotalMinor < FREE_FROM[marketplace];
  // Small baskets pay unless the buyer has Prime; merchant-fulfilled orders sometimes pay anyway.
  const pays = small ? rng.chance(0.6) : fulfillment === 'MFN' && rng.chance(0.15);
  return pays ? STANDARD_RATE[marketplace] : 0;
}
