import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { auditEvents } from '../schema';

export const GENESIS_HASH = '0'.repeat(64);

export interface NewAuditEvent {
  id: string;
  deviceId: string;
  userId: string | null;
  storeId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  at: string;
  hlc: string;
}

type AuditRow = typeof auditEvents.$inferSelect;

/** The exact bytes that are hashed: every column but the hash, in RFC 8785 canonical JSON. */
function canonicalEvent(row: Omit<AuditRow, 'hash'>): string {
  const text = canonicalize({
    seq: row.seq,
    id: row.id,
    deviceId: row.deviceId,
    userId: row.userId,
    storeId: row.storeId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    at: row.at,
    hlc: row.hlc,
    prevHash: row.prevHash,
  });
  if (text === undefined) throw new Error('audit event cannot be canonicalised');
  return text;
}

export function chainHash(row: Omit<AuditRow, 'hash'>): string {
  return createHash('sha256').update(row.prevHash).update(canonicalEvent(row)).digest('hex');
}

const toJson = (value: unknown) =>
  value === undefined || value === null ? null : JSON.stringify(value);

/** Appends one event at the head of the chain. Call inside the change's transaction. */
export function appendAuditEvent(db: Db, event: NewAuditEvent): AuditRow {
  const head = db
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1)
    .get();
  const unhashed = {
    ...event,
    seq: (head?.seq ?? 0) + 1,
    before: toJson(event.before),
    after: toJson(event.after),
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const row: AuditRow = { ...unhashed, hash: chainHash(unhashed) };
  db.insert(auditEvents).values(row).run();
  return row;
}

export type AuditBreakReason = 'hash_mismatch' | 'chain_break' | 'sequence_gap';

export interface AuditChainReport {
  intact: boolean;
  checked: number;
  firstBroken: { seq: number; id: string; reason: AuditBreakReason } | null;
}

/** Walks the chain from the start; reports the first row whose link or hash does not hold. */
export function verifyAuditChain(db: Db): AuditChainReport {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const rows = db.$client.prepare('SELECT * FROM audit_events ORDER BY seq').iterate() as Iterable<
    Record<string, unknown>
  >;
  for (const raw of rows) {
    const row = fromSql(raw);
    checked += 1;
    let reason: AuditBreakReason | null = null;
    if (row.seq !== expectedSeq) reason = 'sequence_gap';
    else if (row.prevHash !== prevHash) reason = 'chain_break';
    else if (chainHash(row) !== row.hash) reason = 'hash_mismatch';
    if (reason)
      return { intact: false, checked, firstBroken: { seq: row.seq, id: row.id, reason } };
    expectedSeq = row.seq + 1;
    prevHash = row.hash;
  }
  return { intact: true, checked, firstBroken: null };
}

function fromSql(raw: Record<string, unknown>): AuditRow {
  return {
    seq: raw.seq as number,
    id: raw.id as string,
    deviceId: raw.device_id as string,
    userId: raw.user_id as string | null,
    storeId: raw.store_id as string | null,
    action: raw.action as string,
    entityType: raw.entity_type as string,
    entityId: raw.entity_id as string | null,
    before: raw.before as string | null,
    after: raw.after as string | null,
    at: raw.at as string,
    hlc: raw.hlc as string,
    prevHash: raw.prev_hash as string,
    hash: raw.hash as string,
  };
}

/** Newest first; `storeIds` null means every store (chain-wide roles). */
export function recentAuditEvents(db: Db, storeIds: string[] | null, limit: number): AuditRow[] {
  const query = db.select().from(auditEvents);
  const scoped = storeIds ? query.where(inArray(auditEvents.storeId, storeIds)) : query;
  return scoped.orderBy(desc(auditEvents.seq)).limit(limit).all();
}

export function latestHlc(db: Db): string | null {
  return (
    db
      .select({ hlc: auditEvents.hlc })
      .from(auditEvents)
      .orderBy(desc(auditEvents.seq))
      .limit(1)
      .get()?.hlc ?? null
  );
}

export function auditEventById(db: Db, id: string): AuditRow | undefined {
  return db.select().from(auditEvents).where(eq(auditEvents.id, id)).get();
}

/** Everything the log says about these entities, oldest first (a return's timeline). */
export function auditEventsForEntities(db: Db, entityIds: string[]): AuditRow[] {
  if (entityIds.length === 0) return [];
  return db
    .select()
    .from(auditEvents)
    .where(inArray(auditEvents.entityId, entityIds))
    .orderBy(auditEvents.seq)
    .all();
}
