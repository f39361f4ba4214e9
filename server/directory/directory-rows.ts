import type { RowToPublish } from '../sync/sync-rows';

/** Directory rows in the desktop's drizzle shape (db/schema/directory.ts), with who sees them. */

export function regionRow(region: {
  id: string;
  code: string;
  name: string;
  marketplaces: string[];
}): RowToPublish {
  return {
    table: 'regions',
    // The desktop keeps the marketplace list as JSON text.
    data: { ...region, marketplaces: JSON.stringify(region.marketplaces) },
    audience: {},
  };
}

export function storeRow(store: {
  id: string;
  code: string;
  name: string;
  regionId: string;
  timeZone: string;
  currency: string;
  countryCode: string;
  address: string;
}): RowToPublish {
  return { table: 'stores', data: { ...store }, audience: {} };
}

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: string;
  scopeKind: string;
  scopeStoreId: string | null;
  scopeRegionId: string | null;
  secretKind: string;
  secretHash: string;
  language: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * A user goes to the devices whose reach their scope touches: a store's staff to that store,
 * a regional manager to the region's stores, chain-wide people everywhere. Failed attempts and
 * lockouts are each till's own business: always sent as none.
 */
export function userRow(user: UserRecord): RowToPublish {
  return {
    table: 'users',
    data: { ...user, failedAttempts: 0, lockedUntil: null },
    audience:
      user.scopeKind === 'store'
        ? { storeId: user.scopeStoreId }
        : user.scopeKind === 'region'
          ? { regionId: user.scopeRegionId }
          : {},
  };
}

export function settingRow(setting: {
  scope: string;
  key: string;
  value: string;
  updatedAt: string;
  updatedBy: string | null;
}): RowToPublish {
  return {
    table: 'settings',
    data: { ...setting },
    audience: setting.scope === 'chain' ? {} : { storeId: setting.scope },
  };
}
