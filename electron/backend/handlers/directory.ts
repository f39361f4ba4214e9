import { AppError, type Store } from '../../../shared/contracts';
import type { Currency } from '../../../shared/domain/money';
import {
  listStoresWithRegion,
  updateUser,
  userById,
  usersOfStore,
  type UserRow,
} from '../../../db/repositories/directory';
import { userScopeOf } from '../call-context';
import type { HandlerContext, HandlerMap } from '../context';
import { auditableUser } from './session-user';

/** The stores a user may see: their own, their region's, or all. */
export function visibleStores(ctx: HandlerContext): Store[] {
  const { scope } = ctx.requireUser();
  return listStoresWithRegion(ctx.db)
    .filter(({ store }) =>
      scope.kind === 'chain'
        ? true
        : scope.kind === 'region'
          ? store.regionId === scope.regionId
          : store.id === scope.storeId,
    )
    .map(({ store, region }) => ({
      id: store.id,
      code: store.code,
      name: store.name,
      regionId: region.id,
      regionName: region.name,
      timeZone: store.timeZone,
      currency: store.currency as Currency,
      marketplaces: JSON.parse(region.marketplaces) as string[],
      address: store.address,
    }));
}

function userSummary(row: UserRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as never,
    lockedUntil: row.lockedUntil,
    failedAttempts: row.failedAttempts,
  };
}

export const directoryHandlers = {
  'directory.stores': (ctx) => visibleStores(ctx),

  'users.list': (ctx, input) => usersOfStore(ctx.db, input.storeId).map(userSummary),

  'users.unlock': (ctx, input) => {
    const target = userById(ctx.db, input.userId);
    if (!target) throw new AppError('NOT_FOUND', 'No such user.');
    // The target's home decides who may unlock it: a store manager their store's staff, a
    // regional manager anyone in the region, chain-wide people only by chain-wide people.
    const scope = userScopeOf(target);
    ctx.requireScope(
      scope.kind === 'store'
        ? { storeId: scope.storeId }
        : scope.kind === 'region'
          ? { regionId: scope.regionId }
          : 'chain',
    );
    const after = updateUser(ctx.db, target.id, {
      failedAttempts: 0,
      lockedUntil: null,
      updatedAt: ctx.nowIso(),
    });
    ctx.recordChange({
      entityType: 'user',
      entityId: target.id,
      storeId: scope.kind === 'store' ? scope.storeId : ctx.device.storeId,
      before: auditableUser(target),
      after: { ...auditableUser(after), reason: input.reason },
    });
    return userSummary(after);
  },
} satisfies Partial<HandlerMap>;
