import { eq, inArray } from 'drizzle-orm';
import type { Role, UserScope } from '../../shared/domain/permissions';
import type { Db } from '../database/client';
import { regions, stores, users } from '../database/schema';

/** Reads of the back office's directory that the rules and the HTTP handlers decide with. */

export interface StoreInfo {
  id: string;
  code: string;
  regionId: string;
}

export interface DirectoryUser {
  id: string;
  role: Role;
  scope: UserScope;
  active: boolean;
}

export async function storeById(db: Db, id: string): Promise<StoreInfo | undefined> {
  const [row] = await db
    .select({ id: stores.id, code: stores.code, regionId: stores.regionId })
    .from(stores)
    .where(eq(stores.id, id));
  return row;
}

export async function storeByCode(db: Db, code: string): Promise<StoreInfo | undefined> {
  const [row] = await db
    .select({ id: stores.id, code: stores.code, regionId: stores.regionId })
    .from(stores)
    .where(eq(stores.code, code));
  return row;
}

/** store id → region id, for scopeCovers. */
export async function storeRegionMap(db: Db): Promise<Map<string, string>> {
  const rows = await db.select({ id: stores.id, regionId: stores.regionId }).from(stores);
  return new Map(rows.map((r) => [r.id, r.regionId]));
}

export async function regionExists(db: Db, id: string): Promise<boolean> {
  const rows = await db.select({ id: regions.id }).from(regions).where(eq(regions.id, id));
  return rows.length > 0;
}

export async function marketplacesOfRegions(db: Db, regionIds: string[]): Promise<string[]> {
  if (regionIds.length === 0) return [];
  const rows = await db
    .select({ marketplaces: regions.marketplaces })
    .from(regions)
    .where(inArray(regions.id, regionIds));
  return [...new Set(rows.flatMap((r) => r.marketplaces))];
}

function scopeOf(row: {
  scopeKind: string;
  scopeStoreId: string | null;
  scopeRegionId: string | null;
}): UserScope {
  if (row.scopeKind === 'store' && row.scopeStoreId)
    return { kind: 'store', storeId: row.scopeStoreId };
  if (row.scopeKind === 'region' && row.scopeRegionId)
    return { kind: 'region', regionId: row.scopeRegionId };
  return { kind: 'chain' };
}

export async function userById(db: Db, id: string): Promise<DirectoryUser | undefined> {
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      scopeKind: users.scopeKind,
      scopeStoreId: users.scopeStoreId,
      scopeRegionId: users.scopeRegionId,
      active: users.active,
    })
    .from(users)
    .where(eq(users.id, id));
  if (!row) return undefined;
  return { id: row.id, role: row.role as Role, scope: scopeOf(row), active: row.active };
}

export async function existingUserIds(db: Db, ids: string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows = await db.select({ id: users.id }).from(users).where(inArray(users.id, unique));
  return new Set(rows.map((r) => r.id));
}
