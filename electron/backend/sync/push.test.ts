import { afterEach, describe, expect, it } from 'vitest';
import type { PushRequest } from '../../../shared/sync/protocol';
import type { TestBackend } from '../testing';
import type { ScriptedBackOffice } from './scripted-back-office';
import { outboxEntries, syncingBackend } from './testing';

const MANAGER = 'manager-till';
const PUSH = '/v1/sync/push';
const LANGUAGES = ['zh-CN', 'en'] as const;

describe('pushing the outbox', () => {
  let t: TestBackend;
  let office: ScriptedBackOffice;
  afterEach(async () => {
    t?.close();
    await office?.close();
  });

  const pushes = () =>
    office.requests.filter((r) => r.path === PUSH).map((r) => r.body as PushRequest);
  /** `count` changes, each a mutation of its own. */
  const makeChanges = async (count: number) => {
    for (let i = 0; i < count; i++)
      await t.ok(MANAGER, 'me.setLanguage', { language: LANGUAGES[i % 2]! });
  };

  it('sends pending mutations in order, in batches bounded by count, gzip and with the device token', async () => {
    ({ t, office } = await syncingBackend({
      pushLimits: { maxMutations: 2, maxBytes: 1024 * 1024, maxAuditEvents: 1000 },
    }));
    await t.signIn(MANAGER, 'manager.ny01', t.secrets.store_manager);
    await t.ok(MANAGER, 'sync.now', {});
    const before = pushes().length;
    await makeChanges(5);
    const ids = outboxEntries(t).map((m) => m.mutationId);

    const status = await t.ok(MANAGER, 'sync.now', {});
    expect(status.pendingMutations).toBe(0);
    const sent = pushes().slice(before);
    expect(sent.map((p) => p.mutations.map((m) => m.mutationId))).toEqual([
      ids.slice(0, 2),
      ids.slice(2, 4),
      ids.slice(4),
    ]);
    // A fresh batch id for every request; this device's id as the client.
    expect(new Set(sent.map((p) => p.batchId)).size).toBe(3);
    const device = t.query<{ id: string }>('SELECT id FROM devices WHERE is_local = 1')[0]!;
    expect(sent.every((p) => p.clientId === device.id)).toBe(true);
    const request = office.requests.filter((r) => r.path === PUSH).at(-1)!;
    expect(request.headers['content-encoding']).toBe('gzip');
    expect(request.headers.authorization).toBe(`Bearer ${office.token}`);
    // Acknowledged: kept as the record of what was sent, without the row copies.
    expect(outboxEntries(t).map((m) => [m.status, m.rows])).toEqual(ids.map(() => ['acked', []]));
    // Who made it and for which store travel with it (from its audit event).
    const manager = t.query<{ id: string }>(
      "SELECT id FROM users WHERE username = 'manager.ny01'",
    )[0]!;
    expect(sent[0]!.mutations[0]).toMatchObject({
      name: 'users.setLanguage',
      userId: manager.id,
      storeId: expect.any(String),
      rows: [{ table: 'users', row: { id: manager.id, language: 'zh-CN' } }],
    });
  });

  it('keeps a request within its byte budget (one mutation still goes alone)', async () => {
    ({ t, office } = await syncingBackend({
      pushLimits: { maxMutations: 100, maxBytes: 600, maxAuditEvents: 1000 },
    }));
    await t.signIn(MANAGER, 'manager.ny01', t.secrets.store_manager);
    await t.ok(MANAGER, 'sync.now', {});
    const before = pushes().length;
    await makeChanges(3);
    await t.ok(MANAGER, 'sync.now', {});
    const sent = pushes().slice(before);
    // A users row is over 600 bytes of JSON: one mutation per request.
    expect(sent.filter((p) => p.mutations.length > 0).map((p) => p.mutations.length)).toEqual([
      1, 1, 1,
    ]);
  });

  it('records a rejection with its code and reason, and the queue moves on', async () => {
    ({ t, office } = await syncingBackend());
    await t.signIn(MANAGER, 'manager.ny01', t.secrets.store_manager);
    await t.ok(MANAGER, 'sync.now', {});
    await makeChanges(3);
    const [first, second, third] = outboxEntries(t).slice(-3);
    office.route(PUSH, (body) => {
      const request = body as PushRequest;
      return {
        status: 200,
        body: {
          lastMutationId: request.mutations.at(-1)?.mutationId ?? 0,
          results: request.mutations.map((m) =>
            m.mutationId === second!.mutationId
              ? {
                  mutationId: m.mutationId,
                  status: 'rejected',
                  code: 'OUT_OF_SCOPE',
                  reason: 'That user is not at this store.',
                }
              : { mutationId: m.mutationId, status: 'applied' },
          ),
          auditHead: null,
          serverTime: new Date().toISOString(),
        },
      };
    });
    const status = await t.ok(MANAGER, 'sync.now', {});
    expect(status).toMatchObject({ pendingMutations: 0, rejectedMutations: 1 });
    expect(
      t.query(
        'SELECT mutation_id AS id, status, rejected_code AS code, rejected_reason AS reason FROM outbox WHERE mutation_id >= ? ORDER BY mutation_id',
        first!.mutationId,
      ),
    ).toEqual([
      { id: first!.mutationId, status: 'acked', code: null, reason: null },
      {
        id: second!.mutationId,
        status: 'rejected',
        code: 'OUT_OF_SCOPE',
        reason: 'That user is not at this store.',
      },
      { id: third!.mutationId, status: 'acked', code: null, reason: null },
    ]);
    const rejections = await t.ok(MANAGER, 'sync.rejections', {});
    expect(rejections).toEqual([
      expect.objectContaining({
        mutationId: second!.mutationId,
        name: 'users.setLanguage',
        code: 'OUT_OF_SCOPE',
        userName: expect.any(String),
      }),
    ]);
  });

  it('a mutation answered `duplicate` with the first answer’s code is recorded as rejected', async () => {
    // The back office refused it, then died before answering; the re-push is told "duplicate"
    // with the code it recorded (server/sync/client-state.ts duplicateAnswer).
    ({ t, office } = await syncingBackend());
    await t.signIn(MANAGER, 'manager.ny01', t.secrets.store_manager);
    await t.ok(MANAGER, 'sync.now', {});
    await makeChanges(2);
    const [first, second] = outboxEntries(t).slice(-2);
    office.route(PUSH, (body) => {
      const request = body as PushRequest;
      return {
        status: 200,
        body: {
          lastMutationId: request.mutations.at(-1)?.mutationId ?? 0,
          results: request.mutations.map((m) =>
            m.mutationId === first!.mutationId
              ? {
                  mutationId: m.mutationId,
                  status: 'duplicate',
                  code: 'OUT_OF_SCOPE',
                  reason: 'That user is not at this store.',
                }
              : { mutationId: m.mutationId, status: 'duplicate' },
          ),
          auditHead: null,
          serverTime: new Date().toISOString(),
        },
      };
    });
    const status = await t.ok(MANAGER, 'sync.now', {});
    expect(status).toMatchObject({ pendingMutations: 0, rejectedMutations: 1 });
    expect(
      t.query(
        'SELECT mutation_id AS id, status, rejected_code AS code FROM outbox WHERE mutation_id >= ? ORDER BY mutation_id',
        first!.mutationId,
      ),
    ).toEqual([
      { id: first!.mutationId, status: 'rejected', code: 'OUT_OF_SCOPE' },
      { id: second!.mutationId, status: 'acked', code: null },
    ]);
  });

  it('sends this device’s audit events after the head the back office acknowledged', async () => {
    ({ t, office } = await syncingBackend());
    await t.signIn(MANAGER, 'manager.ny01', t.secrets.store_manager);
    await t.ok(MANAGER, 'sync.now', {});
    const first = pushes();
    const allSeqs = t.query<{ seq: number }>('SELECT seq FROM audit_events ORDER BY seq');
    // Everything so far went (sign-ins are audited, not queued); the head is on record.
    expect(first.flatMap((p) => p.audit.map((e) => e.seq))).toEqual(allSeqs.map((r) => r.seq));
    const head = allSeqs.at(-1)!.seq;
    expect(t.query('SELECT audit_head_seq AS seq FROM sync_state')).toEqual([{ seq: head }]);

    await makeChanges(1);
    await t.ok(MANAGER, 'sync.now', {});
    const last = pushes().at(-1)!;
    expect(last.audit.map((e) => e.seq)).toEqual([head + 1]);
    expect(last.audit[0]).toMatchObject({
      action: 'me.setLanguage',
      prevHash: expect.any(String),
    });
  });

  it('may be read only by a store manager or above', async () => {
    ({ t, office } = await syncingBackend());
    await t.signIn('clerk-till', 'clerk.ny01', t.secrets.clerk);
    expect(await t.call('clerk-till', 'sync.rejections', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
