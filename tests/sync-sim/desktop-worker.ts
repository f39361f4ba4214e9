import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { wrapClient } from '../../db/client';
import { SYNC_TABLE_DEFS, toWireRow } from '../../db/repositories/sync-tables';
import { MIGRATIONS_DIR } from '../../db/testing/temp-dir';
import { createBackend, DATABASE_FILE } from '../../electron/backend/backend';
import type { Backend } from '../../electron/backend/types';
import type { Envelope } from '../../shared/contracts';
import type {
  CompareTable,
  DesktopCommand,
  DesktopReply,
  DesktopSnapshot,
  OpOutcome,
} from './messages';
import { COMPARED_TABLES } from './messages';

/**
 * One store PC or manager laptop as a process of its own: a real desktop backend on its own
 * SQLite file, syncing through its network switch, driven by the simulation over IPC. Killed
 * with SIGKILL and started again on the same folder, it must pick up where its file says.
 *
 * Env: SIM_DATA_DIR, SIM_TEMPLATE (a seeded database file copied on first start), SIM_STORE,
 * SIM_BACKOFFICE_URL (its network switch), SIM_ENROLLMENT_CODE, SIM_INTERVAL_MS, SIM_USERS
 * (JSON: channel → [username, secret]), SIM_START_MS, SIM_EPOCH_MS.
 */
const dataDir = process.env.SIM_DATA_DIR!;
const file = join(dataDir, DATABASE_FILE);
const start = Number(process.env.SIM_START_MS);
const epoch = Number(process.env.SIM_EPOCH_MS);
const users = JSON.parse(process.env.SIM_USERS ?? '{}') as Record<string, [string, string]>;
const intervalMs = Number(process.env.SIM_INTERVAL_MS ?? 2000);

if (!existsSync(file)) {
  copyFileSync(process.env.SIM_TEMPLATE!, file);
  // A fresh install makes its own device id.
  const copy = new Database(file);
  copy.prepare('UPDATE devices SET id = ? WHERE is_local = 1').run(randomUUID());
  copy.close();
}

const backend: Backend = await createBackend({
  dataDir,
  migrationsDir: MIGRATIONS_DIR,
  storeCode: process.env.SIM_STORE,
  now: () => start + (Date.now() - epoch),
  log: () => {},
  sync: {
    backOfficeUrl: process.env.SIM_BACKOFFICE_URL,
    enrollmentCode: process.env.SIM_ENROLLMENT_CODE,
    intervalMs,
    debounceMs: Math.max(50, Math.round(intervalMs / 10)),
    requestTimeoutMs: 8000,
    maxBackoffMs: intervalMs * 2,
  },
});

const reader = new Database(file, { readonly: true });
const readDb = wrapClient(reader);
const all = <T>(sql: string, ...params: unknown[]) => reader.prepare(sql).all(...params) as T[];

function local(): { id: string; storeId: string } {
  return reader.prepare('SELECT id, store_id AS storeId FROM devices WHERE is_local = 1').get() as {
    id: string;
    storeId: string;
  };
}

function lastOutbox(): { id: string; mutationId: number } | undefined {
  return reader
    .prepare('SELECT id, mutation_id AS mutationId FROM outbox ORDER BY mutation_id DESC LIMIT 1')
    .get() as { id: string; mutationId: number } | undefined;
}

const AUTH_CODES = new Set(['UNAUTHENTICATED', 'SESSION_LOCKED']);

async function signIn(channel: string): Promise<void> {
  const [username, secret] = users[channel]!;
  const result = await backend.dispatch(channel, 'auth.signIn', { username, secret });
  if (!result.ok) throw new Error(`sign-in of ${username}: ${result.error.code}`);
}

/** A call as a signed-in user; a session lost to a restart or a lock is opened again. */
async function call(channel: string, name: string, input: unknown): Promise<Envelope<unknown>> {
  let result = await backend.dispatch(channel, name, input);
  if (!result.ok && AUTH_CODES.has(result.error.code)) {
    await signIn(channel);
    result = await backend.dispatch(channel, name, input);
  }
  return result;
}

/** A change call: its outcome, and the outbox mutation it wrote when it succeeded. */
async function change(
  channel: string,
  name: string,
  input: unknown,
  entities: Record<string, string | string[]>,
): Promise<OpOutcome> {
  const before = lastOutbox()?.mutationId ?? 0;
  const result = await call(channel, name, input);
  if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
  const after = lastOutbox();
  return {
    ok: true,
    mutation: after && after.mutationId > before ? after : null,
    entities,
    data: result.data,
  };
}

function pick<T>(items: T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

async function run(command: DesktopCommand): Promise<unknown> {
  switch (command.cmd) {
    case 'syncNow': {
      const result = await call('mgr', 'sync.now', {});
      if (!result.ok) throw new Error(`sync.now: ${result.error.code}`);
      return result.data;
    }
    case 'createReturn': {
      const lines = all<{ orderId: string; lineId: string }>(
        `SELECT o.id AS orderId, l.id AS lineId FROM orders o JOIN order_lines l ON l.order_id = o.id
          WHERE o.marketplace = 'US' AND o.status = 'Delivered' AND o.delivered_at >= ?
            AND l.category NOT IN ('software', 'books_media')
            AND (l.unit_price_minor >= 15000) = ?
          ORDER BY o.id, l.id LIMIT ?`,
        new Date(start - 20 * 86_400_000).toISOString(),
        command.dear ? 1 : 0,
        command.pool,
      );
      const line = pick(lines, command.pick);
      if (!line) return { ok: false, code: 'NO_ORDER', message: 'no order pulled yet' };
      const returnId = randomUUID();
      const returnLineId = randomUUID();
      return change(
        command.channel,
        'returns.create',
        {
          id: returnId,
          orderId: line.orderId,
          lines: [
            {
              id: returnLineId,
              orderLineId: line.lineId,
              quantity: 1,
              reasonCode: 'DEFECTIVE',
              opened: false,
              damaged: false,
              missingParts: false,
            },
          ],
        },
        { returns: returnId, returnLines: [returnLineId] },
      );
    }
    case 'qc': {
      const lines = all<{ id: string }>(
        `SELECT rl.id FROM return_lines rl JOIN returns r ON r.id = rl.return_id
          WHERE r.store_id = ? AND rl.state = 'received' ORDER BY rl.id`,
        local().storeId,
      );
      const line = pick(lines, command.pick);
      if (!line) return { ok: false, code: 'NOTHING', message: 'no line to inspect' };
      const id = randomUUID();
      return change(
        command.channel,
        'qc.record',
        { id, returnLineId: line.id, grade: command.grade, notes: 'sim' },
        { qcInspections: id },
      );
    }
    case 'refund': {
      const candidates = all<{ id: string }>(
        `SELECT r.id FROM returns r WHERE r.store_id = ? AND NOT EXISTS (
           SELECT 1 FROM refund_requests q WHERE q.return_id = r.id AND q.status NOT IN ('denied', 'rejected'))
          ORDER BY r.id`,
        local().storeId,
      );
      const ret = pick(candidates, command.pick);
      if (!ret) return { ok: false, code: 'NOTHING', message: 'no return to refund' };
      const id = randomUUID();
      return change(
        command.channel,
        'refunds.request',
        { id, returnId: ret.id },
        { refundRequests: id },
      );
    }
    case 'decide': {
      const queue = await call(command.channel, 'approvals.queue', {});
      if (!queue.ok) return { ok: false, code: queue.error.code, message: queue.error.message };
      const request = pick(queue.data as { id: string }[], command.pick);
      if (!request) return { ok: false, code: 'NOTHING', message: 'empty queue' };
      const id = randomUUID();
      return change(
        command.channel,
        'approvals.decide',
        { id, refundRequestId: request.id, decision: command.decision, comment: 'sim' },
        { approvals: id, refundRequests: request.id },
      );
    }
    case 'snapshot':
      return snapshot();
  }
}

async function snapshot(): Promise<DesktopSnapshot> {
  const rows = {} as Record<CompareTable, Record<string, unknown>[]>;
  for (const table of COMPARED_TABLES) {
    rows[table] = readDb
      .select()
      .from(SYNC_TABLE_DEFS[table].table)
      .all()
      .map((row) => toWireRow(table, row as Record<string, unknown>));
  }
  const status = await call('mgr', 'sync.status', {});
  const rejections = await call('mgr', 'sync.rejections', { limit: 500 });
  return {
    device: local(),
    rows,
    ownAudit: all('SELECT id, seq, hash, store_id AS storeId FROM audit_events ORDER BY seq'),
    remoteAudit: all(
      'SELECT id, device_id AS deviceId, seq, hash, store_id AS storeId FROM remote_audit_events',
    ),
    outbox: all<DesktopSnapshot['outbox'][number] & { rowsJson: string }>(
      `SELECT mutation_id AS mutationId, id, name, status, rejected_code AS rejectedCode,
              rows AS rowsJson FROM outbox ORDER BY mutation_id`,
    ).map(({ rowsJson, ...entry }) => ({
      ...entry,
      ...(entry.status === 'rejected'
        ? {
            rows: (JSON.parse(rowsJson || '[]') as { table: string; row: { id?: string } }[]).map(
              (r) => ({ table: r.table, key: String(r.row.id) }),
            ),
          }
        : {}),
    })),
    status: status.ok ? (status.data as DesktopSnapshot['status']) : null,
    rejections: rejections.ok ? (rejections.data as DesktopSnapshot['rejections']) : null,
    rejectionsError: rejections.ok ? null : rejections.error.code,
  };
}

// Calls one at a time, as a till does: an outcome is only reported once its transaction is in.
let queue: Promise<void> = Promise.resolve();
process.on('message', (message: { seq: number; command: DesktopCommand }) => {
  queue = queue.then(async () => {
    let reply: DesktopReply;
    try {
      reply = { seq: message.seq, ok: true, result: await run(message.command) };
    } catch (error) {
      reply = { seq: message.seq, ok: false, error: String((error as Error)?.stack ?? error) };
    }
    process.send?.(reply);
  });
});
process.on('disconnect', () => {
  backend.close();
  reader.close();
  process.exit(0);
});

for (const channel of Object.keys(users)) await signIn(channel);
process.send?.({ type: 'ready', device: local() });
