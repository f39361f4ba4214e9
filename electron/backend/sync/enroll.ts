import { count, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { localDevice, storeById } from '../../../db/repositories/directory';
import { discardCapturedRows } from '../../../db/repositories/sync-capture';
import {
  FRESH_SYNC_PROGRESS,
  readSyncState,
  updateSyncState,
} from '../../../db/repositories/sync-state';
import { devices, returns } from '../../../db/schema';
import { AppError } from '../../../shared/contracts';
import { SYNC_PROTOCOL_VERSION, type EnrollResponse } from '../../../shared/sync/protocol';
import type { DeviceCredentialStore } from './credentials';
import { createSyncClient, SyncHttpError } from './sync-client';

export interface EnrollOptions {
  db: Db;
  credentials: DeviceCredentialStore;
  backOfficeUrl: string;
  code: string;
  now: () => number;
  fetch?: typeof fetch;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface Enrollment extends EnrollResponse {
  /** The back office put this desktop in another store than the local data said. */
  storeChanged: boolean;
}

/**
 * Enrols this desktop with the back office using a code an admin made: sends the local device
 * id (ids are made where the thing is made) and its RMA letter as the preferred code, adopts
 * the code and store the back office assigns, and keeps the token. Refuses to move a desktop
 * that has already taken returns at one store to another: its RMA numbers and returns belong
 * where they were made.
 */
export async function enrollDevice(options: EnrollOptions): Promise<Enrollment> {
  const { db } = options;
  const device = localDevice(db);
  if (!device) throw new Error('This desktop has no local device row to enrol.');
  const client = createSyncClient({
    baseUrl: options.backOfficeUrl,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  let response: EnrollResponse;
  try {
    response = await client.enroll({
      protocolVersion: SYNC_PROTOCOL_VERSION,
      code: options.code,
      deviceId: device.id,
      name: device.name,
      ...(/^[A-Z]{1,2}$/.test(device.code) ? { preferredCode: device.code } : {}),
    });
  } catch (error) {
    throw enrollmentError(error);
  }
  options.signal?.throwIfAborted();
  if (response.deviceId !== device.id) {
    throw new AppError(
      'BACK_OFFICE_ERROR',
      'The back office enrolled this desktop under another id; it was not enrolled.',
      { code: 'DEVICE_ID_MISMATCH', traceId: null },
    );
  }
  const storeChanged = response.storeId !== device.storeId;
  if (storeChanged) {
    const made =
      db.select({ n: count() }).from(returns).where(eq(returns.deviceId, device.id)).get()?.n ?? 0;
    if (made > 0) {
      throw new AppError(
        'ENROLLMENT_STORE_CONFLICT',
        'This desktop has taken returns at its store; it cannot be enrolled at another store.',
        { localStoreId: device.storeId, enrollmentStoreId: response.storeId, returns: made },
      );
    }
  }

  await options.credentials.write({
    deviceId: response.deviceId,
    token: response.token,
    backOfficeUrl: options.backOfficeUrl,
  });
  const at = new Date(options.now()).toISOString();
  db.$client.transaction(() => {
    // A store this desktop does not know yet arrives with the first pull, and with it this
    // device's row as the back office has it (code and store): it is adopted then.
    if (!storeChanged || storeById(db, response.storeId)) {
      db.update(devices)
        .set({ code: response.deviceCode, storeId: response.storeId, enrolledAt: at })
        .where(eq(devices.id, device.id))
        .run();
    }
    const previousUrl = readSyncState(db).backOfficeUrl;
    updateSyncState(db, {
      ...(previousUrl !== options.backOfficeUrl ? FRESH_SYNC_PROGRESS : {}),
      backOfficeUrl: options.backOfficeUrl,
      deviceScope: response.scope,
      enrolledAt: at,
      revokedAt: null,
      lastErrorCode: null,
      lastErrorMessage: null,
      lastErrorTraceId: null,
    });
    // The device row is the back office's own news, not a change to send back.
    discardCapturedRows(db);
  })();
  return { ...response, storeChanged };
}

function enrollmentError(error: unknown): unknown {
  if (!(error instanceof SyncHttpError)) return error;
  const details = { code: error.code, traceId: error.traceId };
  if (error.code === 'ENROLLMENT_CODE_INVALID')
    return new AppError(
      'ENROLLMENT_CODE_INVALID',
      'The enrolment code is wrong, used or expired.',
      details,
    );
  if (error.unreachable)
    return new AppError(
      'BACK_OFFICE_UNREACHABLE',
      `The back office cannot be reached: ${error.message}`,
      details,
    );
  return new AppError('BACK_OFFICE_ERROR', error.message, details);
}
