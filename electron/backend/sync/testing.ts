import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { wrapClient, type Db } from '../../../db/client';
import { generateChain } from '../../../shared/demo-data';
import type { RowChange } from '../../../shared/sync/protocol';
import { testBackend, type TestBackend } from '../testing';
import type { BackendSyncOptions } from '../types';
import { startScriptedBackOffice, type ScriptedBackOffice } from './scripted-back-office';

/** A recent delivered US order of the demo data with a line that may come back. */
export function recentUsOrder(t: TestBackend, skip = 0): { id: string } {
  const [row] = t.query<{ id: string }>(
    `SELECT o.id FROM orders o
      WHERE o.marketplace = 'US' AND o.status = 'Delivered' AND o.delivered_at >= '2026-11-05'
        AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id
               AND l.category NOT IN ('software','books_media')) >= 1
      ORDER BY o.purchased_at DESC LIMIT 1 OFFSET ?`,
    skip,
  );
  if (!row) throw new Error('no recent US demo order');
  return row;
}

/** Takes one unit of an order's first returnable line back; answers the return's id. */
export async function takeReturn(t: TestBackend, channel: string, orderId: string) {
  const order = await t.ok(channel, 'orders.get', { orderId });
  const line = order.lines.find((l) => !['software', 'books_media'].includes(l.category))!;
  const returnLineId = randomUUID();
  const created = await t.ok(channel, 'returns.create', {
    id: randomUUID(),
    orderId,
    lines: [
      {
        id: returnLineId,
        orderLineId: line.id,
        quantity: 1,
        reasonCode: 'DEFECTIVE',
        opened: false,
        damaged: false,
        missingParts: false,
      },
    ],
  });
  return { returnId: created.returnId, returnLineId, orderLine: line };
}

export interface OutboxEntry {
  mutationId: number;
  id: string;
  name: string;
  status: string;
  rows: RowChange[];
}

/** The outbox as an outside reader of the file sees it, oldest first. */
export function outboxEntries(t: TestBackend): OutboxEntry[] {
  return t
    .query<{ mutationId: number; id: string; name: string; status: string; rows: string }>(
      'SELECT mutation_id AS mutationId, id, name, status, rows FROM outbox ORDER BY mutation_id',
    )
    .map((row) => ({ ...row, rows: JSON.parse(row.rows) as RowChange[] }));
}

/** A second, read-only drizzle connection to the backend's file (rows in their drizzle shape). */
export function readerDb(t: TestBackend): { db: Db; close: () => void } {
  const client = new Database(`${t.dataDir}/returndesk.sqlite`, { readonly: true });
  return { db: wrapClient(client), close: () => client.close() };
}

const HOUR = 3_600_000;

/** The demo store's id (the demo chain is the same everywhere: ids are deterministic). */
export function demoStoreId(code: string): string {
  const store = generateChain().stores.find((s) => s.code === code);
  if (!store) throw new Error(`no demo store ${code}`);
  return store.id;
}

/**
 * A backend pointed at a scripted back office, enrolled automatically at start with a code.
 * Rounds come only from `sync.now` (interval and debounce an hour), so tests see each one.
 */
export async function syncingBackend(
  sync: Partial<BackendSyncOptions> = {},
  storeCode = 'NY01',
): Promise<{ t: TestBackend; office: ScriptedBackOffice }> {
  const office = await startScriptedBackOffice({ storeId: demoStoreId(storeCode) });
  const t = await testBackend({
    storeCode,
    sync: {
      backOfficeUrl: office.url,
      enrollmentCode: 'ENROL-123456',
      intervalMs: HOUR,
      debounceMs: HOUR,
      ...sync,
    },
  });
  return { t, office };
}

/** Every event the backend emits, in order. */
export function recordEvents(t: TestBackend): { event: string; payload: unknown }[] {
  const events: { event: string; payload: unknown }[] = [];
  t.backend.onEvent((_channel, event, payload) => events.push({ event, payload }));
  return events;
}
