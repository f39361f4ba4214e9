import { pendingMutationCount } from '../../../db/repositories/outbox';
import type { HandlerMap } from '../context';

/** Until the back office exists (its own issue) the desktop is local-only and says so. */
export const syncHandlers = {
  'sync.status': (ctx) => ({
    backOffice: 'not_configured' as const,
    pendingMutations: pendingMutationCount(ctx.db),
    lastSyncedAt: null,
    lastError: null,
  }),
} satisfies Partial<HandlerMap>;
