/**
 * SP-API regions, hosts and marketplace ids (RETURNS-DOMAIN.md). Broader than
 * shared/domain/marketplaces.ts, which lists only the marketplaces the chain sells on today:
 * the client must reach every marketplace of a region the seller account is registered in.
 */
export const SPAPI_REGIONS = {
  na: {
    host: 'sellingpartnerapi-na.amazon.com',
    sandboxHost: 'sandbox.sellingpartnerapi-na.amazon.com',
  },
  eu: {
    host: 'sellingpartnerapi-eu.amazon.com',
    sandboxHost: 'sandbox.sellingpartnerapi-eu.amazon.com',
  },
  fe: {
    host: 'sellingpartnerapi-fe.amazon.com',
    sandboxHost: 'sandbox.sellingpartnerapi-fe.amazon.com',
  },
} as const;
export type SpApiRegion = keyof typeof SPAPI_REGIONS;
export const SPAPI_REGION_NAMES = Object.keys(SPAPI_REGIONS) as SpApiRegion[];

export const SPAPI_MARKETPLACES = {
  US: { id: 'ATVPDKIKX0DER', region: 'na', currency: 'USD', name: 'Amazon.com' },
  CA: { id: 'A2EUQ1WTGCTBG2', region: 'na', currency: 'CAD', name: 'Amazon.ca' },
  MX: { id: 'A1AM78C64UM0Y8', region: 'na', currency: 'MXN', name: 'Amazon.com.mx' },
  UK: { id: 'A1F83G8C2ARO7P', region: 'eu', currency: 'GBP', name: 'Amazon.co.uk' },
  DE: { id: 'A1PA6795UKMFR9', region: 'eu', currency: 'EUR', name: 'Amazon.de' },
  FR: { id: 'A13V1IB3VIYZZH', region: 'eu', currency: 'EUR', name: 'Amazon.fr' },
  IT: { id: 'APJ6JRA9NG5V4', region: 'eu', currency: 'EUR', name: 'Amazon.it' },
  ES: { id: 'A1RKKUPIHCS9HS', region: 'eu', currency: 'EUR', name: 'Amazon.es' },
  JP: { id: 'A1VC38T7YXB528', region: 'fe', currency: 'JPY', name: 'Amazon.co.jp' },
} as const satisfies Record<
  string,
  { id: string; region: SpApiRegion; currency: string; name: string }
>;
export type SpApiMarketplaceCode = keyof typeof SPAPI_MARKETPLACES;

export function spApiMarketplaceById(
  marketplaceId: string,
): (typeof SPAPI_MARKETPLACES)[SpApiMarketplaceCode] | undefined {
  return Object.values(SPAPI_MARKETPLACES).find((m) => m.id === marketplaceId);
}

export function marketplaceIdsOfRegion(region: SpApiRegion): string[] {
  return Object.values(SPAPI_MARKETPLACES)
    .filter((m) => m.region === region)
    .map((m) => m.id);
}

/** `https://host` of a region, live or Amazon's static sandbox. */
export function spApiEndpoint(region: SpApiRegion, options: { sandbox?: boolean } = {}): string {
  const hosts = SPAPI_REGIONS[region];
  return `https://${options.sandbox ? hosts.sandboxHost : hosts.host}`;
}

export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';
