import { rejectedMutations } from '../../../db/repositories/outbox';
import { users } from '../../../db/schema';
import { inArray } from 'drizzle-orm';
import { AppError } from '../../../shared/contracts';
import type { HandlerMap } from '../context';

/**
 * Sync runs in the background (sync/sync-loop.ts); these calls read its status, start a round,
 * enrol this desktop, and list what the back office refused.
 */
export const syncHandlers = {
  'sync.status': (ctx) => ctx.sync.status(),

  'sync.now': (ctx) => ctx.sync.syncNow(),

  'sync.enroll': async (ctx, input) => {
    // Whoever picks the back office decides whose users and rows this till trusts: pointing a
    // desktop that already has one at another is for an administrator, not a store manager.
    const current = ctx.sync.status().backOfficeUrl;
    if (current && current !== input.backOfficeUrl && ctx.requireUser().role !== 'admin') {
      throw new AppError(
        'FORBIDDEN',
        'Only an administrator may point this desktop at another back office.',
        { backOfficeUrl: current },
      );
    }
    const enrollment = await ctx.sync.enroll(input.backOfficeUrl, input.code);
    ctx.db.$client.transaction(() =>
      ctx.audit({
        action: 'sync.enrolled',
        entityType: 'device',
        entityId: enrollment.deviceId,
        storeId: enrollment.storeId,
        before: null,
        after: {
          backOfficeUrl: input.backOfficeUrl,
          deviceCode: enrollment.deviceCode,
          storeId: enrollment.storeId,
          scope: enrollment.scope,
        },
      }),
    )();
    return {
      status: ctx.sync.status(),
      deviceCode: enrollment.deviceCode,
      storeId: enrollment.storeId,
      scope: enrollment.scope,
      storeChanged: enrollment.storeChanged,
    };
  },

  'sync.rejections': (ctx, input) => {
    const rows = rejectedMutations(ctx.db, input.limit);
    const userIds = [...new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])))];
    const names = new Map(
      userIds.length === 0
        ? []
        : ctx.db
            .select({ id: users.id, displayName: users.displayName })
            .from(users)
            .where(inArray(users.id, userIds))
            .all()
            .map((u) => [u.id, u.displayName] as const),
    );
    return rows.map((r) => ({
      mutationId: r.mutationId,
      id: r.id,
      name: r.name,
      code: r.code ?? 'INTERNAL',
      reason: r.reason ?? '',
      createdAt: r.createdAt,
      rejectedAt: r.settledAt,
      entityType: r.entityType,
      entityId: r.entityId,
      userName: r.userId ? (names.get(r.userId) ?? null) : null,
    }));
  },
} satisfies Partial<HandlerMap>;
