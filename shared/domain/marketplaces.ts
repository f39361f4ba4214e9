import type { Currency } from './money';

/** Amazon marketplaces the chain sells on (facts from RETURNS-DOMAIN.md). */
export const MARKETPLACES = {
  US: {
    taxIncluded: false,
    id: 'ATVPDKIKX0DER',
    currency: 'USD',
    timeZone: 'America/Los_Angeles',
    region: 'na',
  },
  CA: {
    taxIncluded: false,
    id: 'A2EUQ1WTGCTBG2',
    currency: 'CAD',
    timeZone: 'America/Los_Angeles',
    region: 'na',
  },
  UK: {
    taxIncluded: true,
    id: 'A1F83G8C2ARO7P',
    currency: 'GBP',
    timeZone: 'Europe/London',
    region: 'eu',
  },
  DE: {
    taxIncluded: true,
    id: 'A1PA6795UKMFR9',
    currency: 'EUR',
    timeZone: 'Europe/Berlin',
    region: 'eu',
  },
  FR: {
    taxIncluded: true,
    id: 'A13V1IB3VIYZZH',
    currency: 'EUR',
    timeZone: 'Europe/Paris',
    region: 'eu',
  },
  JP: {
    taxIncluded: true,
    id: 'A1VC38T7YXB528',
    currency: 'JPY',
    timeZone: 'Asia/Tokyo',
    region: 'fe',
  },
} as const satisfies Record<
  string,
  {
    /** Prices shown to buyers include VAT/consumption tax; Amazon's item tax is then the included part. */
    taxIncluded: boolean;
    id: string;
    currency: Currency;
    timeZone: string;
    region: 'na' | 'eu' | 'fe';
  }
>;

export type MarketplaceCode = keyof typeof MARKETPLACES;
export const MARKETPLACE_CODES = Object.keys(MARKETPLACES) as MarketplaceCode[];

export function marketplaceById(id: string): MarketplaceCode | undefined {
  return MARKETPLACE_CODES.find((code) => MARKETPLACES[code].id === id);
}

/** Marketplaces whose prices include tax, so order totals must not add the tax again. */
export const TAX_INCLUDED_MARKETPLACES = MARKETPLACE_CODES.filter(
  (code) => MARKETPLACES[code].taxIncluded,
);
