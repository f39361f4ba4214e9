import { and, eq, or, sql } from 'drizzle-orm';
import { preparedQuery } from '../statements';
import type { Db } from '../client';
import { devices, regions, stores, users } from '../schema';

export type StoreRow = typeof stores.$inferSelect;
export type RegionRow = typeof regions.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type DeviceRow = typeof devices.$inferSelect;

export function listStoresWithRegion(db: Db) {
  return db
    .select({ store: stores, region: regions })
    .from(stores)
    .innerJoin(regions, eq(stores.regionId, regions.id))
    .orderBy(stores.code)
    .all();
}

export function storeById(db: Db, id: string): StoreRow | undefined {
  return preparedQuery(db, 'storeById', () =>
    db
      .select()
      .from(stores)
      .where(eq(stores.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
}

export function regionById(db: Db, id: string): RegionRow | undefined {
  return preparedQuery(db, 'regionById', () =>
    db
      .select()
      .from(regions)
      .where(eq(regions.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
}

/** store id → region id, for scope checks (small table; the backend caches it). */
export function storeRegionMap(db: Db): Map<string, string> {
  return new Map(
    db
      .select({ id: stores.id, regionId: stores.regionId })
      .from(stores)
      .all()
      .map((r) => [r.id, r.regionId]),
  );
}

export function userByUsername(db: Db, username: string): UserRow | undefined {
  return db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.username})`, username.toLowerCase()))
    .get();
}

/** On every call (the registry reloads the caller), so prepared once. */
export function userById(db: Db, id: string): UserRow | undefined {
  return preparedQuery(db, 'userById', () =>
    db
      .select()
      .from(users)
      .where(eq(users.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
}

/** People who may sign in at a till of this store: its own staff, its region's managers, chain roles. */
export function usersForStore(db: Db, storeId: string, regionId: string): UserRow[] {
  return db
    .select()
    .from(users)
    .where(
      and(
        eq(users.active, true),
        or(
          eq(users.scopeStoreId, storeId),
          eq(users.scopeRegionId, regionId),
          eq(users.scopeKind, 'chain'),
        ),
      ),
    )
    .orderBy(users.role, users.username)
    .all();
}

/** Staff whose home is this store (what a store manager administers). */
export function usersOfStore(db: Db, storeId: string): UserRow[] {
  return db
    .select()
    .from(users)
    .where(eq(users.scopeStoreId, storeId))
    .orderBy(users.username)
    .all();
}

export function updateUser(db: Db, id: string, patch: Partial<Omit<UserRow, 'id'>>): UserRow {
  const row = db.update(users).set(patch).where(eq(users.id, id)).returning().get();
  if (!row) throw new Error(`user ${id} not found`);
  return row;
}

export function localDevice(db: Db): DeviceRow | undefined {
  return db.select().from(devices).where(eq(devices.isLocal, true)).get();
}

export function insertUser(db: Db, row: typeof users.$inferInsert): UserRow {
  return db.insert(users).values(row).returning().get();
}

/** Everyone, for the admin's directory screen: chain roles first, then by username. */
export function allUsers(db: Db): UserRow[] {
  return db.select().from(users).orderBy(users.scopeKind, users.username).all();
}

export function listRegions(db: Db): RegionRow[] {
  return db.select().from(regions).orderBy(regions.code).all();
}
