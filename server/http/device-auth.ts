import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../database/client';
import { authenticateDevice } from '../directory/devices';
import type { DeviceIdentity } from '../directory/scope';

declare module 'fastify' {
  interface FastifyRequest {
    device?: DeviceIdentity;
  }
}

/**
 * An onRequest hook: the device is known (or refused) before its body is read, so an
 * unauthenticated caller cannot make the back office inflate megabytes first.
 */
export function requireDevice(db: Db) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    request.device = await authenticateDevice(db, request.headers.authorization);
    request.log = request.log.child({ deviceId: request.device.id });
  };
}

export function deviceOf(request: FastifyRequest): DeviceIdentity {
  if (!request.device) throw new Error('route is missing the requireDevice hook');
  return request.device;
}
