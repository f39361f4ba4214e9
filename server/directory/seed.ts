import { eq } from 'drizzle-orm';
import { generateChain, generateOrders, type DemoOrder } from '../../shared/demo-data';
import type { Db } from '../database/client';
import { orderLines, orders, regions, serverMeta, stores, users } from '../database/schema';
import { orderLineRow, orderRow } from '../orders/order-rows';
import { publishRows, type RowToPublish } from '../sync/sync-rows';
import { withSyncWrite } from '../sync/write-lock';
import { regionRow, storeRow, userRow, type UserRecord } from './directory-rows';
import { seedManagerKeys } from './manager-keys';
import { hashUserSecret } from './secret-hash';

const DEMO_REFERENCE_DAY_KEY = 'demo.referenceDay';
/** Rows per INSERT: well below PostgreSQL's 65 535 bind parameters. */
const CHUNK = 400;

/** The start of the UTC day of `now`: desktops seed their demo orders from the same instant. */
export function startOfUtcDay(now: Date): Date {
  const day = new Date(now);
  day.setUTCHours(0, 0, 0, 0);
  return day;
}

export async function demoReferenceDay(db: Db): Promise<Date | null> {
  const [row] = await db
    .select({ value: serverMeta.value })
    .from(serverMeta)
    .where(eq(serverMeta.key, DEMO_REFERENCE_DAY_KEY));
  return typeof row?.value === 'string' ? new Date(row.value) : null;
}

async function insertInChunks<T>(items: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += CHUNK) await insert(items.slice(i, i + CHUNK));
}

function orderRecords(order: DemoOrder) {
  const { lines, ...head } = order;
  return { head, lines: lines.map((line) => ({ ...line, orderId: order.id })) };
}

/**
 * A fresh back office gets the demo chain (generateChain) and the demo orders of the UTC day it
 * first started (generateOrders), with that day stored so it is known after restarts. Nothing
 * happens when the directory has anything in it. Returns whether it seeded.
 */
export async function seedDemoIfEmpty(db: Db, now: Date): Promise<boolean> {
  const isEmpty = async (q: Db) =>
    (await q.select({ id: regions.id }).from(regions).limit(1)).length === 0;
  if (!(await isEmpty(db))) return false;

  const chain = generateChain();
  const referenceDay = startOfUtcDay(now);
  const demoOrders = generateOrders({ referenceTime: referenceDay });
  // scrypt runs on libuv's pool: hash all users at once, before taking the write lock.
  const userRecords: UserRecord[] = await Promise.all(
    chain.users.map(async (u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      scopeKind: u.scope.kind,
      scopeStoreId: u.scope.kind === 'store' ? u.scope.storeId : null,
      scopeRegionId: u.scope.kind === 'region' ? u.scope.regionId : null,
      secretKind: u.secretKind,
      secretHash: await hashUserSecret(u.secret),
      language: u.language,
      active: true,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    })),
  );

  return withSyncWrite(db, async (tx) => {
    // Another back office on the same PostgreSQL may have seeded while we hashed.
    if (!(await isEmpty(tx))) return false;
    await tx
      .insert(serverMeta)
      .values({ key: DEMO_REFERENCE_DAY_KEY, value: referenceDay.toISOString() });
    await tx.insert(regions).values(chain.regions);
    await tx.insert(stores).values(chain.stores);
    await tx.insert(users).values(userRecords);
    const published: RowToPublish[] = [
      ...chain.regions.map(regionRow),
      ...chain.stores.map(storeRow),
      ...userRecords.map(userRow),
    ];
    const split = demoOrders.map(orderRecords);
    await insertInChunks(split, (chunk) =>
      tx.insert(orders).values(chunk.map((o) => ({ ...o.head, fetchedAt: now }))),
    );
    await insertInChunks(
      split.flatMap((o) => o.lines),
      (chunk) => tx.insert(orderLines).values(chunk),
    );
    for (const order of split) {
      published.push(orderRow(order.head, now));
      for (const line of order.lines) published.push(orderLineRow(line, order.head.marketplace));
    }
    await insertInChunks(published, (chunk) => publishRows(tx, chunk, now));
    // Every regional manager gets an offline approval key (issue #7).
    await seedManagerKeys(tx, now);
    return true;
  });
}
