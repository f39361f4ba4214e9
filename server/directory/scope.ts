import { eq } from 'drizzle-orm';
import type { DeviceScope } from '../../shared/sync/protocol';
import type { Db } from '../database/client';
import { regions, stores } from '../database/schema';
import { marketplacesOfRegions } from './lookup';

/** An authenticated desktop: where it stands and how far it sees. */
export interface DeviceIdentity {
  id: string;
  code: string;
  storeId: string;
  regionId: string;
  scope: DeviceScope;
}

/**
 * What a device sees (DESIGN.md §10: the back office scopes every row it returns): its store,
 * every store of its region (a manager's laptop), or the whole chain; the regions those stores
 * belong to (their regional users); the marketplaces those regions sell on (orders).
 */
export interface Reach {
  scope: DeviceScope;
  storeIds: string[];
  regionIds: string[];
  marketplaces: string[];
}

export async function reachOf(db: Db, device: DeviceIdentity): Promise<Reach> {
  if (device.scope === 'chain') {
    const [allStores, allRegions] = await Promise.all([
      db.select({ id: stores.id }).from(stores),
      db.select({ id: regions.id }).from(regions),
    ]);
    const regionIds = allRegions.map((r) => r.id);
    return {
      scope: 'chain',
      storeIds: allStores.map((s) => s.id),
      regionIds,
      marketplaces: await marketplacesOfRegions(db, regionIds),
    };
  }
  const storeIds =
    device.scope === 'store'
      ? [device.storeId]
      : (
          await db
            .select({ id: stores.id })
            .from(stores)
            .where(eq(stores.regionId, device.regionId))
        ).map((s) => s.id);
  return {
    scope: device.scope,
    storeIds,
    regionIds: [device.regionId],
    marketplaces: await marketplacesOfRegions(db, [device.regionId]),
  };
}

export type ReachTarget = { storeId: string } | { regionId: string } | 'chain';

/** Does the device's reach cover a store, a whole region, or the whole chain? */
export function reachCovers(reach: Reach, target: ReachTarget): boolean {
  if (reach.scope === 'chain') return true;
  if (target === 'chain') return false;
  if ('storeId' in target) return reach.storeIds.includes(target.storeId);
  // A store's till sees its regional managers but does not speak for their whole region.
  return reach.scope === 'region' && reach.regionIds.includes(target.regionId);
}
