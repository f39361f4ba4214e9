import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { photos, returnLines, returns, users } from '../../../db/schema';
import { testBackend, type TestBackend } from '../testing';
import { outboxEntries, readerDb, recentUsOrder, takeReturn } from './testing';

/**
 * Sync is state-based: each outbox mutation carries the rows its transaction wrote, captured
 * by triggers and snapshotted at the end of the change, in the wire shape.
 */
describe('capturing the rows a change writes', () => {
  let t: TestBackend;
  const CLERK = 'till-1';

  beforeEach(async () => {
    t = await testBackend();
    await t.signIn(CLERK, 'clerk.ny01', t.secrets.clerk);
  });
  afterEach(() => t.close());

  it('a returns.create mutation carries exactly the return and its lines, as drizzle reads them', async () => {
    const { returnId, returnLineId } = await takeReturn(t, CLERK, recentUsOrder(t).id);
    const [mutation] = outboxEntries(t).filter((m) => m.name === 'returns.create');
    const reader = readerDb(t);
    try {
      const returnRow = reader.db.select().from(returns).where(eq(returns.id, returnId)).get();
      const lineRow = reader.db
        .select()
        .from(returnLines)
        .where(eq(returnLines.id, returnLineId))
        .get();
      expect(mutation!.rows).toEqual([
        { table: 'returns', row: returnRow },
        { table: 'returnLines', row: lineRow },
      ]);
    } finally {
      reader.close();
    }
    // Captured and cleared within the transaction: nothing waits for the next change.
    expect(t.query('SELECT * FROM sync_pending_rows')).toEqual([]);
  });

  it('carries a photo with its bytes in base64', async () => {
    const { returnId } = await takeReturn(t, CLERK, recentUsOrder(t).id);
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d4948445200000001000000010806000000',
      'hex',
    ).toString('base64');
    const photoId = randomUUID();
    await t.ok(CLERK, 'photos.attach', {
      id: photoId,
      returnId,
      stage: 'intake',
      mime: 'image/png',
      dataBase64: png,
    });
    const mutation = outboxEntries(t).find((m) => m.name === 'photos.attach')!;
    expect(mutation.rows.map((r) => r.table)).toEqual(['photos']);
    expect(mutation.rows[0]!.row).toMatchObject({ id: photoId, returnId, bytes: png });
    const reader = readerDb(t);
    try {
      const stored = reader.db.select().from(photos).where(eq(photos.id, photoId)).get()!;
      expect(Buffer.from(mutation.rows[0]!.row.bytes as string, 'base64')).toEqual(stored.bytes);
    } finally {
      reader.close();
    }
  });

  it('leaves out rows written by no change (a wrong PIN counts locally only)', async () => {
    const manager = t.query<{ id: string }>(
      "SELECT id FROM users WHERE username = 'manager.ny01'",
    )[0]!;
    const wrong = await t.call('till-2', 'auth.signIn', {
      username: 'manager.ny01',
      secret: '0000',
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(t.query('SELECT failed_attempts FROM users WHERE id = ?', manager.id)).toEqual([
      { failed_attempts: 1 },
    ]);

    await t.ok(CLERK, 'me.setLanguage', { language: 'zh-CN' });
    const mutation = outboxEntries(t).find((m) => m.name === 'users.setLanguage')!;
    const clerkId = t.query<{ id: string }>(
      "SELECT id FROM users WHERE username = 'clerk.ny01'",
    )[0]!.id;
    expect(mutation.rows.map((r) => [r.table, r.row.id])).toEqual([['users', clerkId]]);
    expect(mutation.rows[0]!.row).toMatchObject({ language: 'zh-CN' });
  });

  it('captures the rows of a change a self-managed call records (a lockout at sign-in)', async () => {
    for (let i = 0; i < 5; i++) {
      await t.call('till-2', 'auth.signIn', { username: 'manager.ny01', secret: '0000' });
    }
    const lock = outboxEntries(t).find((m) => m.name === 'users.lock')!;
    const reader = readerDb(t);
    try {
      const row = reader.db.select().from(users).where(eq(users.username, 'manager.ny01')).get()!;
      expect(row.lockedUntil).not.toBeNull();
      expect(lock.rows).toEqual([{ table: 'users', row }]);
    } finally {
      reader.close();
    }
  });
});
