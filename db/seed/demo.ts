import type { DemoChain, DemoOrder } from '../../shared/demo-data';
import type { Db } from '../client';
import { devices, orderLines, orders, regions, stores, users } from '../schema';

export interface SeedDemoOptions {
  chain: DemoChain;
  orders: DemoOrder[];
  /** Hashes of each user's demo secret, by user id (hashing is the backend's job). */
  secretHashes: Map<string, string>;
  /** This desktop, enrolled at one of the chain's stores. */
  device: { id: string; code: string; storeCode: string; name: string };
  at: string;
}

export function isEmpty(db: Db): boolean {
  return db.select({ id: stores.id }).from(stores).limit(1).all().length === 0;
}

/** Fills an empty database with the demo chain and its orders, in one transaction. */
export function seedDemo(db: Db, options: SeedDemoOptions): void {
  const { chain, at } = options;
  const store = chain.stores.find((s) => s.code === options.device.storeCode);
  if (!store) throw new Error(`No demo store with code ${options.device.storeCode}`);
  db.$client.transaction(() => {
    db.insert(regions)
      .values(
        chain.regions.map((r) => ({
          id: r.id,
          code: r.code,
          name: r.name,
          marketplaces: JSON.stringify(r.marketplaces),
        })),
      )
      .run();
    db.insert(stores).values(chain.stores).run();
    for (const user of chain.users) {
      const secretHash = options.secretHashes.get(user.id);
      if (!secretHash) throw new Error(`No secret hash for ${user.username}`);
      db.insert(users)
        .values({
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          scopeKind: user.scope.kind,
          scopeStoreId: user.scope.kind === 'store' ? user.scope.storeId : null,
          scopeRegionId: user.scope.kind === 'region' ? user.scope.regionId : null,
          secretKind: user.secretKind,
          secretHash,
          language: user.language,
          createdAt: at,
          updatedAt: at,
        })
        .run();
    }
    db.insert(devices)
      .values({
        id: options.device.id,
        code: options.device.code,
        storeId: store.id,
        name: options.device.name,
        isLocal: true,
        enrolledAt: at,
      })
      .run();
    for (const order of options.orders) {
      const { lines, ...head } = order;
      db.insert(orders)
        .values({ ...head, cachedAt: at })
        .run();
      db.insert(orderLines)
        .values(lines.map((line) => ({ ...line, orderId: order.id })))
        .run();
    }
  })();
}
