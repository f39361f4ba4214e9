import {
  AmazonAccountStatusSchema,
  SYNC_PATHS,
  SYNC_PROTOCOL_VERSION,
} from '../../../shared/sync/protocol';
import type { HandlerMap } from '../context';

export const amazonAccountHandlers = {
  /** What the back office holds for the seller account: never the secrets. */
  'amazonAccount.get': async (ctx) => {
    const user = ctx.requireUser();
    return ctx.sync.adminRequest(
      SYNC_PATHS.amazonAccount,
      { protocolVersion: SYNC_PROTOCOL_VERSION, actingUserId: user.row.id },
      AmazonAccountStatusSchema,
    );
  },

  /**
   * Sends the credentials straight to the back office, which seals them; nothing of them is
   * kept here, and the audit log records only that they were set and the client id's ends.
   */
  'amazonAccount.set': async (ctx, input) => {
    const user = ctx.requireUser();
    const answer = await ctx.sync.adminRequest(
      SYNC_PATHS.setAmazonAccount,
      { protocolVersion: SYNC_PROTOCOL_VERSION, actingUserId: user.row.id, ...input },
      AmazonAccountStatusSchema,
    );
    ctx.db.$client.transaction(() =>
      ctx.audit({
        action: 'amazonAccount.set',
        entityType: 'setting',
        entityId: 'amazon-account',
        storeId: ctx.device.storeId,
        before: null,
        after: {
          clientIdHint: answer.clientIdHint,
          sellerId: answer.sellerId,
          region: answer.region,
          refreshTokenSet: answer.refreshTokenSet,
        },
      }),
    )();
    return answer;
  },
} satisfies Partial<HandlerMap>;
