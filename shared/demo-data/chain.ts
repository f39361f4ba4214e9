import { type MarketplaceCode } from '../domain/marketplaces';
import { type Currency } from '../domain/money';
import { type Role, type UserScope } from '../domain/permissions';
import { secretKindOf } from '../domain/permissions';
import { DEMO_SECRETS } from './demo-secrets';
import { prngFromString } from './prng';
import { type DemoChain, type DemoRegion, type DemoStore, type DemoUser } from './types';
import { uuidV7 } from './uuid-v7';

/**
 * The demo chain, written out by hand rather than generated: trainers, screenshots and test
 * scripts name these people and stores, so they must not move when faker or this generator
 * changes. Names fit each store's country.
 */

/** When the demo chain was "set up"; the time part of every directory id. */
const CHAIN_CREATED_MS = Date.UTC(2025, 0, 6, 8, 0, 0);

/**
 * Each id depends only on its record's natural key (`store:NY01`), so adding a store later does
 * not change the ids of the others, and an already seeded install keeps matching.
 */
function directoryId(key: string): string {
  return uuidV7(prngFromString(`returndesk-demo:${key}`), CHAIN_CREATED_MS);
}

interface RegionSpec {
  code: 'NA' | 'EU' | 'JP';
  name: string;
  marketplaces: MarketplaceCode[];
  regionalManager: string;
}

const REGIONS: readonly RegionSpec[] = [
  {
    code: 'NA',
    name: 'North America',
    marketplaces: ['US', 'CA'],
    regionalManager: 'Sarah Mitchell',
  },
  { code: 'EU', name: 'Europe', marketplaces: ['DE', 'FR', 'UK'], regionalManager: 'Katrin Vogel' },
  { code: 'JP', name: 'Japan', marketplaces: ['JP'], regionalManager: '中村 智子' },
];

interface PersonSpec {
  displayName: string;
  language?: 'en' | 'zh-CN';
}

interface StoreSpec {
  code: string;
  name: string;
  region: RegionSpec['code'];
  timeZone: string;
  currency: Currency;
  countryCode: DemoStore['countryCode'];
  address: string;
  clerk: PersonSpec;
  manager: PersonSpec;
}

const STORES: readonly StoreSpec[] = [
  {
    code: 'NY01',
    name: 'New York',
    region: 'NA',
    timeZone: 'America/New_York',
    currency: 'USD',
    countryCode: 'US',
    address: '425 Fifth Avenue, New York, NY 10016, USA',
    clerk: { displayName: 'Jasmine Ortiz' },
    manager: { displayName: 'Michael Chen' },
  },
  {
    code: 'BO01',
    name: 'Boston',
    region: 'NA',
    timeZone: 'America/New_York',
    currency: 'USD',
    countryCode: 'US',
    address: '500 Boylston Street, Boston, MA 02116, USA',
    // An apostrophe in a name: the kind of thing that breaks naive search and CSV export.
    clerk: { displayName: "Ryan O'Connor" },
    manager: { displayName: 'Emily Walsh' },
  },
  {
    code: 'CH01',
    name: 'Chicago',
    region: 'NA',
    timeZone: 'America/Chicago',
    currency: 'USD',
    countryCode: 'US',
    address: '233 N Michigan Avenue, Chicago, IL 60601, USA',
    clerk: { displayName: 'Darnell Washington' },
    manager: { displayName: 'Katherine Nowak' },
  },
  {
    code: 'SE01',
    name: 'Seattle',
    region: 'NA',
    timeZone: 'America/Los_Angeles',
    currency: 'USD',
    countryCode: 'US',
    address: '1420 Fifth Avenue, Seattle, WA 98101, USA',
    clerk: { displayName: 'Priya Raman' },
    manager: { displayName: 'Tyler Nguyen' },
  },
  {
    code: 'BE01',
    name: 'Berlin',
    region: 'EU',
    timeZone: 'Europe/Berlin',
    currency: 'EUR',
    countryCode: 'DE',
    address: 'Tauentzienstraße 9, 10789 Berlin, Deutschland',
    clerk: { displayName: 'Lena Schäfer' },
    manager: { displayName: 'Jonas Becker' },
  },
  {
    code: 'MU01',
    name: 'München',
    region: 'EU',
    timeZone: 'Europe/Berlin',
    currency: 'EUR',
    countryCode: 'DE',
    address: 'Kaufingerstraße 12, 80331 München, Deutschland',
    clerk: { displayName: 'Maximilian Huber' },
    manager: { displayName: 'Sophie Wagner' },
  },
  {
    code: 'TK01',
    name: 'Tokyo Shibuya',
    region: 'JP',
    timeZone: 'Asia/Tokyo',
    currency: 'JPY',
    countryCode: 'JP',
    address: '〒150-0042 東京都渋谷区宇田川町15-3',
    clerk: { displayName: '佐藤 美咲' },
    manager: { displayName: '高橋 健太' },
  },
  {
    code: 'OS01',
    name: 'Osaka Umeda',
    region: 'JP',
    timeZone: 'Asia/Tokyo',
    currency: 'JPY',
    countryCode: 'JP',
    address: '〒530-0017 大阪府大阪市北区角田町5-12',
    // The UI has English and Simplified Chinese only; this clerk reads Chinese best.
    clerk: { displayName: '王 芳', language: 'zh-CN' },
    manager: { displayName: '山本 大輔' },
  },
];

const CHAIN_USERS: readonly { username: string; role: Role; displayName: string }[] = [
  { username: 'finance', role: 'finance', displayName: 'Daniel Brooks' },
  { username: 'admin', role: 'admin', displayName: 'Alex Morgan' },
];

function user(username: string, role: Role, scope: UserScope, person: PersonSpec): DemoUser {
  return {
    id: directoryId(`user:${username}`),
    username,
    displayName: person.displayName,
    role,
    scope,
    secretKind: secretKindOf(role),
    secret: DEMO_SECRETS[role],
    language: person.language ?? 'en',
  };
}

export function generateChain(): DemoChain {
  const regions: DemoRegion[] = REGIONS.map((r) => ({
    id: directoryId(`region:${r.code}`),
    code: r.code,
    name: r.name,
    marketplaces: [...r.marketplaces],
  }));
  const regionIdOf = (code: RegionSpec['code']): string => directoryId(`region:${code}`);

  const stores: DemoStore[] = STORES.map((s) => ({
    id: directoryId(`store:${s.code}`),
    code: s.code,
    name: s.name,
    regionId: regionIdOf(s.region),
    timeZone: s.timeZone,
    currency: s.currency,
    countryCode: s.countryCode,
    address: s.address,
  }));

  const users: DemoUser[] = [];
  for (const s of STORES) {
    const scope: UserScope = { kind: 'store', storeId: directoryId(`store:${s.code}`) };
    const suffix = s.code.toLowerCase();
    users.push(user(`clerk.${suffix}`, 'clerk', scope, s.clerk));
    users.push(user(`manager.${suffix}`, 'store_manager', { ...scope }, s.manager));
  }
  for (const r of REGIONS) {
    users.push(
      user(
        `rm.${r.code.toLowerCase()}`,
        'regional_manager',
        { kind: 'region', regionId: regionIdOf(r.code) },
        {
          displayName: r.regionalManager,
        },
      ),
    );
  }
  for (const u of CHAIN_USERS) {
    users.push(user(u.username, u.role, { kind: 'chain' }, { displayName: u.displayName }));
  }

  return { regions, stores, users };
}
