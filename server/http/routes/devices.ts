import type { FastifyInstance } from 'fastify';
import {
  CreateEnrollmentCodeRequestSchema,
  EnrollRequestSchema,
  RevokeDeviceRequestSchema,
  RevokeManagerKeyRequestSchema,
  RotateManagerKeyRequestSchema,
  SYNC_PATHS,
  SYNC_PROTOCOL_VERSION,
  type DeviceScope,
} from '../../../shared/sync/protocol';
import { requireAdminFor } from '../../directory/admin-authority';
import { deviceStore, revokeDevice } from '../../directory/devices';
import { createEnrollmentCode, enrollDevice } from '../../directory/enrollment';
import { revokeManagerKey, rotateManagerKey } from '../../directory/manager-keys';
import { reachOf } from '../../directory/scope';
import { parseSyncRequest } from '../../sync/parse-request';
import { deviceOf, requireDevice } from '../device-auth';
import { HttpProblem } from '../errors';
import type { BackOfficeServices } from '../services';

/** Enrollment (a one-time code for device credentials) and the admin actions around it. */
export function deviceRoutes(app: FastifyInstance, services: BackOfficeServices): void {
  const { db } = services;

  app.post(SYNC_PATHS.enroll, async (request) => {
    const input = parseSyncRequest(EnrollRequestSchema, request.body, SYNC_PROTOCOL_VERSION);
    const enrolled = await enrollDevice(db, input, services.now());
    request.log.info(
      { deviceId: enrolled.deviceId, storeId: enrolled.storeId, scope: enrolled.scope },
      'device enrolled',
    );
    return enrolled;
  });

  app.post(SYNC_PATHS.enrollmentCodes, { onRequest: requireDevice(db) }, async (request) => {
    const device = deviceOf(request);
    const input = parseSyncRequest(
      CreateEnrollmentCodeRequestSchema,
      request.body,
      SYNC_PROTOCOL_VERSION,
    );
    await requireAdminFor(db, await reachOf(db, device), input.actingUserId, input.storeId);
    const { code, expiresAt } = await createEnrollmentCode(db, {
      storeId: input.storeId,
      scope: input.scope as DeviceScope,
      ttlMinutes: input.ttlMinutes,
      createdBy: input.actingUserId,
      createdByDevice: device.id,
      now: services.now(),
    });
    request.log.info({ storeId: input.storeId, scope: input.scope }, 'enrollment code issued');
    return { code, expiresAt: expiresAt.toISOString() };
  });

  app.post(SYNC_PATHS.revokeDevice, { onRequest: requireDevice(db) }, async (request) => {
    const device = deviceOf(request);
    const input = parseSyncRequest(RevokeDeviceRequestSchema, request.body, SYNC_PROTOCOL_VERSION);
    const storeId = await deviceStore(db, input.deviceId);
    if (!storeId) throw new HttpProblem('NOT_FOUND', 'No such device.');
    await requireAdminFor(db, await reachOf(db, device), input.actingUserId, storeId);
    const revokedAt = await revokeDevice(db, {
      deviceId: input.deviceId,
      revokedBy: input.actingUserId,
      reason: input.reason,
      now: services.now(),
    });
    request.log.info({ revokedDeviceId: input.deviceId }, 'device revoked');
    return { deviceId: input.deviceId, revokedAt: revokedAt.toISOString() };
  });

  app.post(SYNC_PATHS.rotateManagerKey, { onRequest: requireDevice(db) }, async (request) => {
    const device = deviceOf(request);
    const input = parseSyncRequest(
      RotateManagerKeyRequestSchema,
      request.body,
      SYNC_PROTOCOL_VERSION,
    );
    const rotated = await rotateManagerKey(db, await reachOf(db, device), {
      managerId: input.managerId,
      actingUserId: input.actingUserId,
      now: services.now(),
    });
    request.log.info({ managerId: input.managerId, ...rotated }, 'manager key rotated');
    return rotated;
  });

  app.post(SYNC_PATHS.revokeManagerKey, { onRequest: requireDevice(db) }, async (request) => {
    const device = deviceOf(request);
    const input = parseSyncRequest(
      RevokeManagerKeyRequestSchema,
      request.body,
      SYNC_PROTOCOL_VERSION,
    );
    const revoked = await revokeManagerKey(db, await reachOf(db, device), {
      managerId: input.managerId,
      actingUserId: input.actingUserId,
      now: services.now(),
    });
    request.log.info(
      { managerId: input.managerId, reason: input.reason, ...revoked },
      'manager key revoked',
    );
    return revoked;
  });
}
