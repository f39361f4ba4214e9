import { AppError } from '../../../shared/contracts';
import { storeById } from '../../../db/repositories/directory';
import { writeSetting } from '../../../db/repositories/settings';
import type { HandlerMap } from '../context';

export const settingsHandlers = {
  'settings.get': (ctx, input) => ctx.storeSettings(input.storeId),

  'settings.update': (ctx, input) => {
    if (!storeById(ctx.db, input.storeId)) throw new AppError('NOT_FOUND', 'No such store.');
    const before = ctx.storeSettings(input.storeId);
    const updatedAt = ctx.nowIso();
    writeSetting(
      ctx.db,
      input.storeId,
      input.key,
      input.value,
      updatedAt,
      ctx.requireUser().row.id,
    );
    const after = ctx.storeSettings(input.storeId);
    ctx.recordChange({
      entityType: 'setting',
      entityId: `${input.storeId}:${input.key}`,
      storeId: input.storeId,
      before,
      after,
    });
    return { settings: after, updatedAt };
  },
} satisfies Partial<HandlerMap>;
