import { and, eq, ne } from 'drizzle-orm';
import { MARKETPLACE_CODES } from '../../../shared/domain/marketplaces';
import { ROLE_SCOPE_KIND, hasPermission, scopeCovers } from '../../../shared/domain/permissions';
import { devices, regions, settings, stores, users } from '../../database/schema';
import { deviceRow } from '../../directory/devices';
import { settingRow, userRow } from '../../directory/directory-rows';
import { regionExists, storeById, userById, type DirectoryUser } from '../../directory/lookup';
import { reachCovers, type ReachTarget } from '../../directory/scope';
import { SCRYPT_HASH_FORMAT } from '../../directory/secret-hash';
import type { DeviceRow, RegionRow, SettingRow, StoreRow, UserRow } from '../row-schemas';
import type { RowData } from '../sync-rows';
import { publish, rowsOf, sameRow, storedRow, withoutKeys, type MutationContext } from './context';
import { reject } from './rejection';

/**
 * The directory is the back office's: desktops change it only for an active admin signed in
 * there (a store's settings also for a manager of that store), and only within the desktop's
 * own reach. A row sent back unchanged is accepted from anyone and changes nothing — a desktop
 * may echo a user it unlocked, whose lock state is its own business.
 */

async function actingUser(ctx: MutationContext): Promise<DirectoryUser> {
  const user = ctx.mutation.userId ? await userById(ctx.tx, ctx.mutation.userId) : undefined;
  if (!user?.active) reject('FORBIDDEN', 'Directory changes need an active user of the directory.');
  return user;
}

export async function requireAdmin(ctx: MutationContext): Promise<void> {
  if ((await actingUser(ctx)).role !== 'admin')
    reject('FORBIDDEN', 'Only an admin changes the directory.');
}

function requireReach(ctx: MutationContext, target: ReachTarget): void {
  if (!reachCovers(ctx.reach, target)) {
    reject('OUT_OF_SCOPE', 'This desktop does not reach what the change is about.');
  }
}

async function unchanged(
  ctx: MutationContext,
  table: 'regions' | 'stores' | 'users' | 'devices' | 'settings',
  row: RowData,
  ignored: string[] = [],
) {
  const stored = await storedRow(ctx, table, row);
  return (
    stored !== undefined && sameRow(withoutKeys(stored.data, ignored), withoutKeys(row, ignored))
  );
}

async function applyRegion(ctx: MutationContext, row: RegionRow) {
  if (await unchanged(ctx, 'regions', row)) return;
  await requireAdmin(ctx);
  requireReach(ctx, 'chain');
  const marketplaces: unknown = JSON.parse(row.marketplaces);
  if (
    !Array.isArray(marketplaces) ||
    !marketplaces.every((m) => (MARKETPLACE_CODES as unknown[]).includes(m))
  ) {
    reject('INVALID_ROW', 'A region sells on a list of known marketplaces.');
  }
  const [clash] = await ctx.tx
    .select({ id: regions.id })
    .from(regions)
    .where(and(eq(regions.code, row.code), ne(regions.id, row.id)));
  if (clash) reject('INVALID_ROW', `Region code ${row.code} is taken.`);
  const values = { ...row, marketplaces: marketplaces as string[] };
  await ctx.tx
    .insert(regions)
    .values(values)
    .onConflictDoUpdate({ target: regions.id, set: values });
  await publish(ctx, 'regions', row, {});
}

async function applyStore(ctx: MutationContext, row: StoreRow) {
  if (await unchanged(ctx, 'stores', row)) return;
  await requireAdmin(ctx);
  requireReach(ctx, 'chain');
  if (!(await regionExists(ctx.tx, row.regionId))) reject('UNKNOWN_REFERENCE', 'Unknown region.');
  const [clash] = await ctx.tx
    .select({ id: stores.id })
    .from(stores)
    .where(and(eq(stores.code, row.code), ne(stores.id, row.id)));
  if (clash) reject('INVALID_ROW', `Store code ${row.code} is taken.`);
  await ctx.tx.insert(stores).values(row).onConflictDoUpdate({ target: stores.id, set: row });
  await publish(ctx, 'stores', row, {});
}

function userTarget(user: {
  scopeKind: string;
  scopeStoreId: string | null;
  scopeRegionId: string | null;
}): ReachTarget {
  if (user.scopeKind === 'store') return { storeId: user.scopeStoreId! };
  if (user.scopeKind === 'region') return { regionId: user.scopeRegionId! };
  return 'chain';
}

const DEVICE_LOCAL_USER_FIELDS = ['failedAttempts', 'lockedUntil', 'updatedAt'];

async function applyUser(ctx: MutationContext, row: UserRow) {
  if (await unchanged(ctx, 'users', row, DEVICE_LOCAL_USER_FIELDS)) return;
  await requireAdmin(ctx);
  const { failedAttempts: _f, lockedUntil: _l, ...record } = row;
  const scopeFits =
    ROLE_SCOPE_KIND[row.role] === row.scopeKind &&
    (row.scopeKind === 'store') === (row.scopeStoreId !== null) &&
    (row.scopeKind === 'region') === (row.scopeRegionId !== null);
  if (!scopeFits) reject('INVALID_ROW', `A ${row.role} has a ${ROLE_SCOPE_KIND[row.role]} scope.`);
  if (row.scopeStoreId && !(await storeById(ctx.tx, row.scopeStoreId))) {
    reject('UNKNOWN_REFERENCE', 'Unknown store in the user’s scope.');
  }
  if (row.scopeRegionId && !(await regionExists(ctx.tx, row.scopeRegionId))) {
    reject('UNKNOWN_REFERENCE', 'Unknown region in the user’s scope.');
  }
  if (!SCRYPT_HASH_FORMAT.test(row.secretHash))
    reject('INVALID_ROW', 'A user’s secret travels as a scrypt hash.');
  requireReach(ctx, userTarget(row));
  const [existing] = await ctx.tx.select().from(users).where(eq(users.id, row.id));
  if (existing) requireReach(ctx, userTarget(existing));
  const [clash] = await ctx.tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.username, row.username), ne(users.id, row.id)));
  if (clash) reject('INVALID_ROW', `Username ${row.username} is taken.`);
  await ctx.tx.insert(users).values(record).onConflictDoUpdate({ target: users.id, set: record });
  const published = userRow(record);
  await publish(ctx, 'users', published.data, published.audience);
}

/** Devices are made by enrollment; an admin may rename one, nothing else. */
async function applyDevice(ctx: MutationContext, row: DeviceRow) {
  const [existing] = await ctx.tx.select().from(devices).where(eq(devices.id, row.id));
  if (!existing) reject('UNKNOWN_REFERENCE', 'Devices are added by enrollment, not by sync.');
  // Whether it is "this desktop", and when it was set up locally, are each desktop's own.
  const deviceLocal = ['isLocal', 'enrolledAt'];
  if (await unchanged(ctx, 'devices', row, deviceLocal)) return;
  if (!(await unchanged(ctx, 'devices', row, [...deviceLocal, 'name']))) {
    reject('IMMUTABLE', 'Only a device’s name can change.');
  }
  await requireAdmin(ctx);
  requireReach(ctx, { storeId: existing.storeId });
  await ctx.tx.update(devices).set({ name: row.name }).where(eq(devices.id, row.id));
  const published = deviceRow({ ...existing, name: row.name });
  await publish(ctx, 'devices', published.data, published.audience);
}

async function applySetting(ctx: MutationContext, row: SettingRow) {
  if (await unchanged(ctx, 'settings', row)) return;
  if (row.scope === 'chain') {
    await requireAdmin(ctx);
    requireReach(ctx, 'chain');
  } else {
    if (!(await storeById(ctx.tx, row.scope))) reject('UNKNOWN_REFERENCE', 'Unknown store.');
    const user = await actingUser(ctx);
    if (
      !hasPermission(user.role, 'settings.manage') ||
      !scopeCovers(user.scope, { storeId: row.scope }, ctx.regionOfStore)
    ) {
      reject('FORBIDDEN', 'Only an admin or a manager of this store changes its settings.');
    }
    requireReach(ctx, { storeId: row.scope });
  }
  await ctx.tx
    .insert(settings)
    .values(row)
    .onConflictDoUpdate({ target: [settings.scope, settings.key], set: row });
  const published = settingRow(row);
  await publish(ctx, 'settings', published.data, published.audience);
}

export async function applyDirectory(ctx: MutationContext): Promise<void> {
  for (const row of rowsOf<RegionRow>(ctx, 'regions')) await applyRegion(ctx, row);
  for (const row of rowsOf<StoreRow>(ctx, 'stores')) await applyStore(ctx, row);
  for (const row of rowsOf<UserRow>(ctx, 'users')) await applyUser(ctx, row);
  for (const row of rowsOf<DeviceRow>(ctx, 'devices')) await applyDevice(ctx, row);
  for (const row of rowsOf<SettingRow>(ctx, 'settings')) await applySetting(ctx, row);
}
