import {
  CreateEnrollmentCodeResponseSchema,
  RevokeDeviceResponseSchema,
  SYNC_PATHS,
  SYNC_PROTOCOL_VERSION,
} from '../../../shared/sync/protocol';
import { AppError } from '../../../shared/contracts';
import { listStoresWithRegion } from '../../../db/repositories/directory';
import { devices } from '../../../db/schema';
import type { HandlerMap } from '../context';

export const deviceHandlers = {
  'devices.list': (ctx) => {
    const stores = new Map(listStoresWithRegion(ctx.db).map(({ store }) => [store.id, store.code]));
    return ctx.db
      .select()
      .from(devices)
      .orderBy(devices.storeId, devices.code)
      .all()
      .map((d) => ({
        id: d.id,
        code: d.code,
        name: d.name,
        storeId: d.storeId,
        storeCode: stores.get(d.storeId) ?? '?',
        enrolledAt: d.enrolledAt,
        isThisDesktop: d.isLocal,
      }));
  },

  /** A one-time code for a store, made by the back office for the admin signed in here. */
  'devices.enrollmentCode': async (ctx, input) => {
    const user = ctx.requireUser();
    ctx.requireScope({ storeId: input.storeId });
    const answer = await ctx.sync.adminRequest(
      SYNC_PATHS.enrollmentCodes,
      {
        protocolVersion: SYNC_PROTOCOL_VERSION,
        storeId: input.storeId,
        scope: input.scope,
        ttlMinutes: input.ttlMinutes,
        actingUserId: user.row.id,
      },
      CreateEnrollmentCodeResponseSchema,
    );
    // The code itself stays out of the audit log: it is a credential until used.
    ctx.db.$client.transaction(() =>
      ctx.audit({
        action: 'devices.enrollmentCode',
        entityType: 'store',
        entityId: input.storeId,
        storeId: input.storeId,
        before: null,
        after: { scope: input.scope, expiresAt: answer.expiresAt },
      }),
    )();
    return answer;
  },

  /** Revokes a desktop at the back office: its next request is refused, so its sync stops. */
  'devices.revoke': async (ctx, input) => {
    const user = ctx.requireUser();
    const device = ctx.db
      .select()
      .from(devices)
      .all()
      .find((d) => d.id === input.deviceId);
    if (device?.isLocal)
      throw new AppError(
        'FORBIDDEN',
        'Revoke this desktop from another one; it would lock you out.',
      );
    const answer = await ctx.sync.adminRequest(
      SYNC_PATHS.revokeDevice,
      {
        protocolVersion: SYNC_PROTOCOL_VERSION,
        deviceId: input.deviceId,
        actingUserId: user.row.id,
        reason: input.reason,
      },
      RevokeDeviceResponseSchema,
    );
    ctx.db.$client.transaction(() =>
      ctx.audit({
        action: 'devices.revoke',
        entityType: 'device',
        entityId: input.deviceId,
        storeId: device?.storeId ?? ctx.device.storeId,
        before: null,
        after: { revokedAt: answer.revokedAt, reason: input.reason },
      }),
    )();
    return answer;
  },
} satisfies Partial<HandlerMap>;
