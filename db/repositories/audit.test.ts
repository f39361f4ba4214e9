import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../open';
import { MIGRATIONS_DIR, tempDir } from '../testing/temp-dir';
import { appendAuditEvent, chainHash, verifyAuditChain } from './audit';

describe('the hash-chained audit log', () => {
  let opened: OpenedDatabase;
  let cleanup: () => void;

  beforeEach(() => {
    const temp = tempDir();
    cleanup = temp.cleanup;
    opened = openDatabase({ file: `${temp.dir}/audit.sqlite`, migrationsDir: MIGRATIONS_DIR });
    for (let i = 1; i <= 6; i++) {
      appendAuditEvent(opened.db, {
        id: `00000000-0000-7000-8000-00000000000${i}`,
        deviceId: 'device-1',
        userId: 'user-1',
        storeId: 'store-1',
        action: 'settings.update',
        entityType: 'setting',
        entityId: `key-${i}`,
        before: { value: i },
        after: { value: i + 1 },
        at: `2026-11-21T10:00:0${i}.000Z`,
        hlc: `${String(1795000000000 + i).padStart(15, '0')}-00000-device`,
      });
    }
  });
  afterEach(() => {
    opened.close();
    cleanup();
  });

  /** What a tamperer with the file would do: drop the guard triggers, then edit. */
  const tamper = (sql: string) => {
    opened.client.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
    opened.client.exec(sql);
  };

  it('verifies an untouched chain', () => {
    expect(verifyAuditChain(opened.db)).toEqual({ intact: true, checked: 6, firstBroken: null });
  });

  it('refuses updates and deletes through SQL', () => {
    expect(() => opened.client.exec("UPDATE audit_events SET action = 'x' WHERE seq = 2")).toThrow(
      /append-only/,
    );
    expect(() => opened.client.exec('DELETE FROM audit_events WHERE seq = 2')).toThrow(
      /append-only/,
    );
  });

  it.each([
    ['the after-image', `UPDATE audit_events SET after = '{"value":99}' WHERE seq = 3`],
    ['the user', `UPDATE audit_events SET user_id = 'someone-else' WHERE seq = 3`],
    ['the time', `UPDATE audit_events SET at = '2026-01-01T00:00:00.000Z' WHERE seq = 3`],
    ['the action', `UPDATE audit_events SET action = 'nothing' WHERE seq = 3`],
    ['the stored hash', `UPDATE audit_events SET hash = '${'f'.repeat(64)}' WHERE seq = 3`],
    ['the previous hash', `UPDATE audit_events SET prev_hash = '${'e'.repeat(64)}' WHERE seq = 3`],
  ])('points at the row when %s of one row is altered', (_what, sql) => {
    tamper(sql);
    const report = verifyAuditChain(opened.db);
    expect(report.intact).toBe(false);
    expect(report.firstBroken?.seq).toBe(3);
    expect(report.firstBroken?.id).toBe('00000000-0000-7000-8000-000000000003');
  });

  it('points at the row after a deleted one', () => {
    tamper('DELETE FROM audit_events WHERE seq = 4');
    expect(verifyAuditChain(opened.db).firstBroken).toEqual({
      seq: 5,
      id: '00000000-0000-7000-8000-000000000005',
      reason: 'sequence_gap',
    });
  });

  it('catches a row rewritten with a recomputed hash, at the next link', () => {
    // A careful tamperer fixes row 2's hash too; row 3 no longer links to it.
    tamper(`UPDATE audit_events SET after = '{"value":42}' WHERE seq = 2`);
    const row = opened.client.prepare('SELECT * FROM audit_events WHERE seq = 2').get() as Record<
      string,
      unknown
    >;
    const rehashed = chainHash({
      seq: 2,
      id: row.id as string,
      deviceId: row.device_id as string,
      userId: row.user_id as string,
      storeId: row.store_id as string,
      action: row.action as string,
      entityType: row.entity_type as string,
      entityId: row.entity_id as string,
      before: row.before as string,
      after: row.after as string,
      at: row.at as string,
      hlc: row.hlc as string,
      prevHash: row.prev_hash as string,
    });
    opened.client.prepare('UPDATE audit_events SET hash = ? WHERE seq = 2').run(rehashed);
    expect(verifyAuditChain(opened.db).firstBroken).toMatchObject({
      seq: 3,
      reason: 'chain_break',
    });
  });
});
