import { type MarketplaceCode } from '../domain/marketplaces';
import { type Currency } from '../domain/money';
import { type Role, type UserScope } from '../domain/permissions';

/** The shapes the demo generator hands to the db seeder and the Amazon simulator. */

export interface DemoRegion {
  id: string;
  code: string;
  name: string;
  marketplaces: MarketplaceCode[];
}

export interface DemoStore {
  id: string;
  code: string;
  name: string;
  regionId: string;
  timeZone: string;
  currency: Currency;
  countryCode: 'US' | 'DE' | 'JP';
  address: string;
}

export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scope: UserScope;
  secretKind: 'pin' | 'password';
  /** Plain demo secret; the db seeder hashes it. */
  secret: string;
  language: 'en' | 'zh-CN';
}

export interface DemoOrderLine {
  id: string;
  orderItemId: string;
  sku: string;
  asin: string;
  title: string;
  category: string;
  quantity: number;
  unitPriceMinor: number;
  /** Tax for the whole line (all units), on the price after the promotion. */
  itemTaxMinor: number;
  shippingMinor: number;
  shippingTaxMinor: number;
  /** >= 0, subtracted from unitPriceMinor × quantity. */
  promotionDiscountMinor: number;
  serialNumber: string | null;
}

export interface DemoOrder {
  id: string;
  amazonOrderId: string;
  marketplace: MarketplaceCode;
  marketplaceId: string;
  currency: Currency;
  /** ISO UTC with ms, e.g. 2026-11-01T10:00:00.000Z */
  purchasedAt: string;
  deliveredAt: string | null;
  status: 'Shipped' | 'Delivered' | 'Unshipped' | 'Canceled';
  fulfillment: 'MFN' | 'AFN';
  buyerName: string;
  buyerEmail: string;
  buyerPhoneLast4: string;
  shipCity: string;
  shipPostalCode: string;
  lines: DemoOrderLine[];
}

export interface DemoChain {
  regions: DemoRegion[];
  stores: DemoStore[];
  users: DemoUser[];
}

export interface GenerateOrdersOptions {
  /** Default 20261121. */
  seed?: number;
  /** Default 600. */
  count?: number;
  /** Orders fall in the 120 days before this instant; none after it. */
  referenceTime: Date;
}
