import { and, desc, eq, sql } from 'drizzle-orm';
import type { AuditEventWire } from '../../shared/sync/protocol';
import type { Db } from '../database/client';
import { auditEvents, deviceChainHeads } from '../database/schema';
import type { DeviceIdentity } from '../directory/scope';
import { GENESIS_HASH, auditEventHash } from './audit-hash';
import { flagForReview } from './review-flags';
import { withSyncWrite } from './write-lock';

export interface ChainHead {
  seq: number;
  hash: string;
}

export async function chainHeadOf(db: Db, deviceId: string): Promise<ChainHead | null> {
  const [row] = await db
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.deviceId, deviceId))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return row ?? null;
}

async function heldHash(db: Db, deviceId: string, seq: number): Promise<string | undefined> {
  const [row] = await db
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(and(eq(auditEvents.deviceId, deviceId), eq(auditEvents.seq, seq)));
  return row?.hash;
}

/**
 * Appends a device's audit events after the head the server holds (DESIGN.md §4/§5): in
 * sequence, each chained to the one before and hashing to what it says. An event the server
 * holds already must be byte-identical: a different hash means the device's history was
 * rewritten after it was synced — flagged for review, never overwritten. Appending stops at
 * the first event that does not fit (the device sends again from the head it is given). The
 * head after this push goes into the device's head history.
 */
export async function appendAuditEvents(
  db: Db,
  device: DeviceIdentity,
  events: AuditEventWire[],
  now: Date,
): Promise<ChainHead | null> {
  return withSyncWrite(db, (tx) => appendAuditEventsLocked(tx, device, events, now));
}

/** appendAuditEvents inside a transaction that holds the sync write lock already (a push batch). */
export async function appendAuditEventsLocked(
  tx: Db,
  device: DeviceIdentity,
  events: AuditEventWire[],
  now: Date,
): Promise<ChainHead | null> {
  let head = await chainHeadOf(tx, device.id);
  const flag = (
    kind: 'audit_rewritten' | 'audit_chain_broken',
    event: AuditEventWire,
    why: string,
  ) =>
    flagForReview(tx, {
      kind,
      deviceId: device.id,
      tableName: 'audit_events',
      rowKey: String(event.seq),
      details: { seq: event.seq, id: event.id, hash: event.hash, why },
      now,
    });
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    if (event.deviceId !== device.id) {
      await flag('audit_chain_broken', event, 'event of another device');
      break;
    }
    if (head && event.seq <= head.seq) {
      const held = await heldHash(tx, device.id, event.seq);
      if (held !== event.hash) await flag('audit_rewritten', event, `held hash ${held}`);
      continue;
    }
    if (event.seq !== (head?.seq ?? 0) + 1) break;
    if (event.prevHash !== (head?.hash ?? GENESIS_HASH)) {
      await flag('audit_chain_broken', event, 'prevHash is not the head the server holds');
      break;
    }
    if (auditEventHash(event) !== event.hash) {
      await flag('audit_chain_broken', event, 'hash does not match the event');
      break;
    }
    const inserted = await tx
      .insert(auditEvents)
      .values({
        deviceId: device.id,
        seq: event.seq,
        id: event.id,
        hash: event.hash,
        prevHash: event.prevHash,
        storeId: event.storeId ?? device.storeId,
        version: sql`nextval('sync_version_seq')`,
        event,
        receivedAt: now,
      })
      .onConflictDoNothing()
      .returning({ seq: auditEvents.seq });
    if (inserted.length === 0) {
      await flag('audit_chain_broken', event, 'event id already held for another event');
      break;
    }
    head = { seq: event.seq, hash: event.hash };
  }
  if (head) {
    await tx
      .insert(deviceChainHeads)
      .values({ deviceId: device.id, seq: head.seq, hash: head.hash, recordedAt: now });
  }
  return head;
}
