import { recentAuditEvents, verifyAuditChain } from '../../../db/repositories/audit';
import { listStoresWithRegion } from '../../../db/repositories/directory';
import { users } from '../../../db/schema';
import type { HandlerMap } from '../context';

export const auditHandlers = {
  'audit.recent': (ctx, input) => {
    const { scope } = ctx.requireUser();
    const storeIds =
      scope.kind === 'chain'
        ? null
        : listStoresWithRegion(ctx.db)
            .filter(({ store }) =>
              scope.kind === 'store'
                ? store.id === scope.storeId
                : store.regionId === scope.regionId,
            )
            .map(({ store }) => store.id);
    const names = new Map(
      ctx.db
        .select({ id: users.id, username: users.username })
        .from(users)
        .all()
        .map((u) => [u.id, u.username]),
    );
    return recentAuditEvents(ctx.db, storeIds, input.limit).map((row) => ({
      id: row.id,
      seq: row.seq,
      at: row.at,
      action: row.action,
      userId: row.userId,
      username: row.userId ? (names.get(row.userId) ?? null) : null,
      storeId: row.storeId,
      entityType: row.entityType,
      entityId: row.entityId,
    }));
  },

  'audit.verify': (ctx) => verifyAuditChain(ctx.db),
} satisfies Partial<HandlerMap>;
