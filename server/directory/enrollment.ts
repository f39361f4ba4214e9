import { and, eq, gt, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { DeviceScope, EnrollRequest, EnrollResponse } from '../../shared/sync/protocol';
import type { Db } from '../database/client';
import { devices, enrollmentCodes } from '../database/schema';
import { HttpProblem } from '../http/errors';
import { publishRow } from '../sync/sync-rows';
import { withSyncWrite } from '../sync/write-lock';
import { chooseDeviceCode } from './device-codes';
import { newDeviceToken } from './device-token';
import { deviceRow } from './devices';
import { enrollmentCodeHash, newEnrollmentCode } from './enrollment-code';
import { storeById } from './lookup';

export interface NewEnrollmentCode {
  storeId: string;
  scope: DeviceScope;
  ttlMinutes: number;
  /** The admin who asked (null: the command-line bootstrap on the server itself). */
  createdBy: string | null;
  createdByDevice: string | null;
  now: Date;
}

export async function createEnrollmentCode(
  db: Db,
  input: NewEnrollmentCode,
): Promise<{ code: string; expiresAt: Date }> {
  if (!(await storeById(db, input.storeId))) throw new HttpProblem('NOT_FOUND', 'No such store.');
  const expiresAt = new Date(input.now.getTime() + input.ttlMinutes * 60_000);
  // 60 random bits collide practically never; the unique hash makes sure, and we draw again.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const code = newEnrollmentCode();
    const inserted = await db
      .insert(enrollmentCodes)
      .values({
        id: randomUUID(),
        codeHash: enrollmentCodeHash(code),
        storeId: input.storeId,
        scope: input.scope,
        createdBy: input.createdBy,
        createdByDevice: input.createdByDevice,
        createdAt: input.now,
        expiresAt,
      })
      .onConflictDoNothing()
      .returning({ id: enrollmentCodes.id });
    if (inserted.length === 1) return { code, expiresAt };
  }
  throw new Error('could not draw a fresh enrollment code');
}

/**
 * Trades a one-time code for device credentials. The code is spent and the device created in
 * one transaction, so a refusal (a device id enrolled already) leaves the code usable, and two
 * desktops racing for one code cannot both win. A revoked device may enroll again at its store,
 * keeping its code (a lost answer to an enrollment is mended that way: revoke, new code).
 */
export async function enrollDevice(
  db: Db,
  request: EnrollRequest,
  now: Date,
): Promise<EnrollResponse> {
  return withSyncWrite(db, async (tx) => {
    const [code] = await tx
      .update(enrollmentCodes)
      .set({ usedAt: now, usedByDevice: request.deviceId })
      .where(
        and(
          eq(enrollmentCodes.codeHash, enrollmentCodeHash(request.code)),
          isNull(enrollmentCodes.usedAt),
          gt(enrollmentCodes.expiresAt, now),
        ),
      )
      .returning({
        id: enrollmentCodes.id,
        storeId: enrollmentCodes.storeId,
        scope: enrollmentCodes.scope,
      });
    if (!code) {
      throw new HttpProblem(
        'ENROLLMENT_CODE_INVALID',
        'This enrollment code is unknown, already used or expired. Ask an admin for a new one.',
      );
    }
    const [existing] = await tx.select().from(devices).where(eq(devices.id, request.deviceId));
    const { token, secretHash } = newDeviceToken(request.deviceId);
    let device: typeof devices.$inferSelect;
    if (existing) {
      // An unenrolled desktop may come back with a new code, to the same store only: its RMA
      // numbers carry that store, and an enrolled one is not taken over by whoever has a code.
      if (!existing.revokedAt) {
        throw new HttpProblem(
          'FORBIDDEN',
          'This device is enrolled already; an admin must revoke it first.',
        );
      }
      if (existing.storeId !== code.storeId) {
        throw new HttpProblem('FORBIDDEN', 'A device stays at the store it was enrolled at.');
      }
      device = {
        ...existing,
        name: request.name,
        scope: code.scope,
        tokenHash: secretHash,
        enrollmentCodeId: code.id,
        revokedAt: null,
        revokedBy: null,
        revokedReason: null,
      };
      await tx.update(devices).set(device).where(eq(devices.id, existing.id));
    } else {
      const taken = await tx
        .select({ code: devices.code })
        .from(devices)
        .where(eq(devices.storeId, code.storeId));
      const deviceCode = chooseDeviceCode(new Set(taken.map((t) => t.code)), request.preferredCode);
      if (!deviceCode) throw new HttpProblem('FORBIDDEN', 'This store has no device code left.');
      device = {
        id: request.deviceId,
        code: deviceCode,
        storeId: code.storeId,
        name: request.name,
        scope: code.scope,
        tokenHash: secretHash,
        enrolledAt: now,
        enrollmentCodeId: code.id,
        lastSeenAt: null,
        revokedAt: null,
        revokedBy: null,
        revokedReason: null,
      };
      await tx.insert(devices).values(device);
    }
    await publishRow(tx, deviceRow(device), now);
    return {
      deviceId: device.id,
      deviceCode: device.code,
      storeId: device.storeId,
      scope: code.scope as DeviceScope,
      token,
    };
  });
}
