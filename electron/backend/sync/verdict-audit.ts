import { v7 as uuidv7 } from 'uuid';
import { appendAuditEvent, latestHlc } from '../../../db/repositories/audit';
import { discardCapturedRows } from '../../../db/repositories/sync-capture';
import { hlcInit, hlcReceive, hlcTick } from '../../../shared/domain/hlc';
import type { SyncSession } from './session';

/**
 * Records a back-office verdict applied here (a refusal taken back or marked): not a change of
 * ours to send, so its captured rows are dropped, but an event of this device's audit chain,
 * stamped after the newest event it holds. Runs inside the push answer's transaction.
 */
export function auditBackOfficeVerdict(
  session: SyncSession,
  event: {
    storeId: string;
    action: string;
    entityType: string;
    entityId: string;
    before: unknown;
    after: unknown;
    at: string;
  },
): void {
  const { db } = session;
  discardCapturedRows(db);
  const now = session.now();
  const clock = hlcInit(session.deviceId.slice(-12));
  const last = latestHlc(db);
  if (last) hlcReceive(clock, last, now);
  appendAuditEvent(db, {
    id: uuidv7(),
    deviceId: session.deviceId,
    userId: null,
    ...event,
    hlc: hlcTick(clock, now),
  });
}
