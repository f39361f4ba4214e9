import { desc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH } from '../../db/repositories/audit';
import type { AuditEventWire } from '../../shared/sync/protocol';
import { auditEvents, deviceChainHeads, reviewFlags } from '../database/schema';
import { demoUser } from '../testing/desktop-rows';
import { ENGINES, startTestBackOffice, type TestBackOffice } from '../testing/engines';
import { enrollTestDevice, type TestDevice } from '../testing/sync-client';

/** A device's audit log as the desktop writes it (db/repositories/audit.ts hashes it). */
class AuditLog {
  readonly events: AuditEventWire[] = [];
  constructor(private readonly device: TestDevice) {}

  append(action: string, after: unknown = { note: action }): AuditEventWire {
    const previous = this.events.at(-1);
    const unhashed = {
      seq: (previous?.seq ?? 0) + 1,
      id: uuidv7(),
      deviceId: this.device.id,
      userId: demoUser('clerk.ny01').id,
      storeId: this.device.storeId,
      action,
      entityType: 'return',
      entityId: uuidv7(),
      before: null,
      after: JSON.stringify(after),
      at: this.device.bo.clock.iso(),
      hlc: this.device.hlc(),
      prevHash: previous?.hash ?? GENESIS_HASH,
    };
    const event = { ...unhashed, hash: chainHash(unhashed) };
    this.events.push(event);
    return event;
  }
}

describe.each(ENGINES)('the audit union on %s', (engine) => {
  let bo: TestBackOffice;
  let till: TestDevice;
  let log: AuditLog;
  beforeAll(async () => {
    bo = await startTestBackOffice(engine);
    till = await enrollTestDevice(bo, 'NY01');
    log = new AuditLog(till);
  }, 60_000);
  afterAll(() => bo?.stop());

  const flags = (kind: string) =>
    bo.db.select().from(reviewFlags).where(eq(reviewFlags.kind, kind));

  it('appends a device’s chain in sequence, returns its head and records it at every push', async () => {
    const events = [
      log.append('returns.create'),
      log.append('qc.record'),
      log.append('labels.print'),
    ];
    const first = await till.pushOk([], { audit: events });
    expect(first.auditHead).toEqual({ seq: 3, hash: events[2]!.hash });
    // Sent again with one more: the known ones are recognised, the new one appended.
    const second = await till.pushOk([], { audit: [...events, log.append('refunds.request')] });
    expect(second.auditHead).toEqual({ seq: 4, hash: log.events[3]!.hash });
    const third = await till.pushOk([]);
    expect(third.auditHead).toEqual(second.auditHead);
    const heads = await bo.db
      .select()
      .from(deviceChainHeads)
      .where(eq(deviceChainHeads.deviceId, till.id))
      .orderBy(desc(deviceChainHeads.id));
    expect(heads.map((h) => h.seq)).toEqual([4, 4, 3]);
  });

  it('hands the events to the other devices that reach the store, not to the device itself', async () => {
    const sameStore = await enrollTestDevice(bo, 'NY01');
    const region = await enrollTestDevice(bo, 'SE01', { scope: 'region' });
    const elsewhere = await enrollTestDevice(bo, 'BE01');
    const ids = log.events.map((e) => e.id);
    expect((await sameStore.pullAll()).audit.map((e) => e.id)).toEqual(ids);
    expect((await region.pullAll()).audit).toEqual(log.events);
    expect((await elsewhere.pullAll()).audit).toEqual([]);
    expect((await till.pullAll()).audit).toEqual([]);
  });

  it('stops at a gap, and flags a broken chain instead of appending it', async () => {
    const fifth = log.append('returns.dispose');
    const sixth = log.append('labels.reprint');
    const gap = await till.pushOk([], { audit: [sixth] });
    expect(gap.auditHead?.seq).toBe(4);
    const forged = { ...fifth, prevHash: 'a'.repeat(64) };
    const broken = await till.pushOk([], { audit: [forged] });
    expect(broken.auditHead?.seq).toBe(4);
    expect((await flags('audit_chain_broken')).map((f) => f.rowKey)).toEqual(['5']);
    const ok = await till.pushOk([], { audit: [fifth, sixth] });
    expect(ok.auditHead).toEqual({ seq: 6, hash: sixth.hash });
  });

  it('flags a device whose synced history was rewritten, and keeps what it had', async () => {
    const original = log.events[1]!;
    const rewritten = { ...original, after: JSON.stringify({ note: 'nothing to see' }) };
    const rehashed = { ...rewritten, hash: chainHash(rewritten) };
    const answer = await till.pushOk([], { audit: [rehashed] });
    expect(answer.auditHead?.seq).toBe(6);
    const [flag] = await flags('audit_rewritten');
    expect(flag).toMatchObject({ deviceId: till.id, rowKey: '2' });
    const [kept] = await bo.db.select().from(auditEvents).where(eq(auditEvents.id, original.id));
    expect(kept!.hash).toBe(original.hash);
  });
});
