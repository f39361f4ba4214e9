import type { Currency } from './money';

/** Amazon marketplaces the chain sells on (facts from RETURNS-DOMAIN.md). */
export const MARKETPLACES = {
  US: { id: 'ATVPDKIKX0DER', currency: 'USD', timeZone: 'America/Los_Angeles', region: 'na' },
  CA: { id: 'A2EUQ1WTGCTBG2', currency: 'CAD', timeZone: 'America/Los_Angeles', region: 'na' },
  UK: { id: 'A1F83G8C2ARO7P', currency: 'GBP', timeZone: 'Europe/London', region: 'eu' },
  DE: { id: 'A1PA6795UKMFR9', currency: 'EUR', timeZone: 'Europe/Berlin', region: 'eu' },
  FR: { id: 'A13V1IB3VIYZZH', currency: 'EUR', timeZone: 'Europe/Paris', region: 'eu' },
  JP: { id: 'A1VC38T7YXB528', currency: 'JPY', timeZone: 'Asia/Tokyo', region: 'fe' },
} as const satisfies Record<
  string,
  { id: string; currency: Currency; timeZone: string; region: 'na' | 'eu' | 'fe' }
>;

export type MarketplaceCode = keyof typeof MARKETPLACES;
export const MARKETPLACE_CODES = Object.keys(MARKETPLACES) as MarketplaceCode[];

export function marketplaceById(id: string): MarketplaceCode | undefined {
  return MARKETPLACE_CODES.find((code) => MARKETPLACES[code].id === id);
}
