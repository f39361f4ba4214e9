import { and, eq, isNull } from 'drizzle-orm';
import type { DeviceScope } from '../../shared/sync/protocol';
import type { Db } from '../database/client';
import { devices, stores } from '../database/schema';
import { HttpProblem } from '../http/errors';
import type { RowToPublish } from '../sync/sync-rows';
import { parseDeviceToken, secretMatches } from './device-token';
import type { DeviceIdentity } from './scope';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A device as desktops hold it (db/schema/directory.ts): never its token hash. */
export function deviceRow(device: {
  id: string;
  code: string;
  storeId: string;
  name: string;
  enrolledAt: Date;
}): RowToPublish {
  return {
    table: 'devices',
    data: {
      id: device.id,
      code: device.code,
      storeId: device.storeId,
      name: device.name,
      // Each desktop marks its own row; to everyone else a device is another till.
      isLocal: false,
      enrolledAt: device.enrolledAt.toISOString(),
    },
    audience: { storeId: device.storeId },
  };
}

/**
 * `Authorization: Bearer deviceId.secret` → the device. A revoked device is told so (once its
 * token has proved it is that device), so its desktop can say "this till was unenrolled".
 */
export async function authenticateDevice(
  db: Db,
  authorization: string | undefined,
): Promise<DeviceIdentity> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const parsed = match ? parseDeviceToken(match[1]!) : null;
  if (!parsed || !UUID.test(parsed.deviceId)) {
    throw new HttpProblem(
      'UNAUTHENTICATED',
      'Send the device token: Authorization: Bearer <token>.',
    );
  }
  const [row] = await db
    .select({
      id: devices.id,
      code: devices.code,
      storeId: devices.storeId,
      regionId: stores.regionId,
      scope: devices.scope,
      tokenHash: devices.tokenHash,
      revokedAt: devices.revokedAt,
    })
    .from(devices)
    .innerJoin(stores, eq(stores.id, devices.storeId))
    .where(eq(devices.id, parsed.deviceId.toLowerCase()));
  if (!row || !secretMatches(parsed.secret, row.tokenHash)) {
    throw new HttpProblem('UNAUTHENTICATED', 'This device token is not valid.');
  }
  if (row.revokedAt) {
    throw new HttpProblem('DEVICE_REVOKED', 'This device was unenrolled; enroll it again to sync.');
  }
  return {
    id: row.id,
    code: row.code,
    storeId: row.storeId,
    regionId: row.regionId,
    scope: row.scope as DeviceScope,
  };
}

export async function deviceStore(db: Db, deviceId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ storeId: devices.storeId })
    .from(devices)
    .where(eq(devices.id, deviceId));
  return row?.storeId;
}

/** Revokes at once: the next request with its token is refused. Revoking twice keeps the first. */
export async function revokeDevice(
  db: Db,
  input: { deviceId: string; revokedBy: string; reason: string; now: Date },
): Promise<Date> {
  const [updated] = await db
    .update(devices)
    .set({ revokedAt: input.now, revokedBy: input.revokedBy, revokedReason: input.reason })
    .where(and(eq(devices.id, input.deviceId), isNull(devices.revokedAt)))
    .returning({ revokedAt: devices.revokedAt });
  if (updated?.revokedAt) return updated.revokedAt;
  const [existing] = await db
    .select({ revokedAt: devices.revokedAt })
    .from(devices)
    .where(eq(devices.id, input.deviceId));
  if (!existing?.revokedAt) throw new HttpProblem('NOT_FOUND', 'No such device.');
  return existing.revokedAt;
}

/** A successful sync: when the till was last heard of, for the admin's device list. */
export async function markDeviceSeen(db: Db, deviceId: string, now: Date): Promise<void> {
  await db.update(devices).set({ lastSeenAt: now }).where(eq(devices.id, deviceId));
}
