import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEventWire } from '../../shared/sync/protocol';

/** The prevHash of a device's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * hash = sha256(prevHash ‖ canonical(event without its hash)), byte for byte the desktop's
 * (db/repositories/audit.ts; server/ may not import it, audit-hash.test.ts proves they agree).
 */
export function auditEventHash(event: Omit<AuditEventWire, 'hash'>): string {
  const text = canonicalize({
    seq: event.seq,
    id: event.id,
    deviceId: event.deviceId,
    userId: event.userId,
    storeId: event.storeId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: event.before,
    after: event.after,
    at: event.at,
    hlc: event.hlc,
    prevHash: event.prevHash,
  });
  if (text === undefined) throw new Error('audit event cannot be canonicalised');
  return createHash('sha256').update(event.prevHash).update(text).digest('hex');
}
