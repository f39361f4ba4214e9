import { v7 as uuidv7 } from 'uuid';
import { generateChain, generateOrders } from '../../shared/demo-data';
import type { Db } from '../../db/client';
import { seedDemo } from '../../db/seed/demo';
import { hashSecret } from './auth/password';

export const DEFAULT_DEMO_STORE = 'NY01';

/**
 * A fresh install gets the demo chain and its orders, so the counter shows real-looking data
 * from the first start. Orders are generated relative to now (deterministic for a given day).
 */
export async function seedDemoDatabase(
  db: Db,
  storeCode: string,
  now: number,
  options: { orders: boolean } = { orders: true },
): Promise<void> {
  const chain = generateChain();
  if (!chain.stores.some((s) => s.code === storeCode)) {
    throw new Error(
      `RETURNDESK_STORE=${storeCode} is not a demo store (${chain.stores.map((s) => s.code).join(', ')}).`,
    );
  }
  const day = new Date(now);
  day.setUTCHours(0, 0, 0, 0);
  // A desktop that syncs gets its orders from the back office (the one source of truth for
  // Amazon's data): orders generated here for another day would have other ids.
  const orders = options.orders ? generateOrders({ referenceTime: day }) : [];
  // Hash all demo secrets concurrently: scrypt runs on libuv's thread pool.
  const hashes = await Promise.all(
    chain.users.map(async (u) => [u.id, await hashSecret(u.secret)] as const),
  );
  seedDemo(db, {
    chain,
    orders,
    secretHashes: new Map(hashes),
    device: { id: uuidv7(), code: 'A', storeCode, name: `${storeCode} till A` },
    at: new Date(now).toISOString(),
  });
}
