import type { Db } from '../../../db/client';
import { acknowledgeThrough, pendingRowSnapshots } from '../../../db/repositories/outbox';
import {
  applyRowChange,
  coverageKey,
  forgetShadowedChange,
  insertRemoteAuditEvents,
  shadowedServerChanges,
  shadowServerChange,
  upsertSyncedRow,
} from '../../../db/repositories/sync-apply';
import { discardCapturedRows } from '../../../db/repositories/sync-capture';
import { readSyncState, updateSyncState } from '../../../db/repositories/sync-state';
import { fromWireRow, readRow, wireKey } from '../../../db/repositories/sync-tables';
import {
  SYNC_PROTOCOL_VERSION,
  type PullResponse,
  type RowChange,
  type SyncTable,
} from '../../../shared/sync/protocol';
import type { SyncSession } from './session';

/**
 * Rows per page: one page is one SQLite transaction, kept short so calls at the till never wait
 * long. With the prepared statements of sync-apply.ts a page of 5,000 rows applies in about
 * 140 ms (tests/bench/sync.bench.ts, 2 shared cores) — less than 1,000 rows took before; the
 * back office's byte budget (PULL_MAX_ROW_BYTES) still cuts pages of large rows short.
 */
export const DEFAULT_PULL_LIMIT = 5000;

export interface PullOutcome {
  pages: number;
  /** Rows the back office sent (tombstones included). */
  rows: number;
  /** Tables whose rows changed here: what the screens showing them must re-read. */
  tables: Set<SyncTable>;
  remoteAuditEvents: number;
  /** The newest clock among the events pulled, for this device's own clock to move past. */
  latestHlc: string | null;
}

/** Pulls page after page (`more`) from the cookie on, each applied in its own transaction. */
export async function pullAll(
  session: SyncSession,
  limit = DEFAULT_PULL_LIMIT,
): Promise<PullOutcome> {
  const outcome: PullOutcome = {
    pages: 0,
    rows: 0,
    tables: new Set(),
    remoteAuditEvents: 0,
    latestHlc: null,
  };
  for (;;) {
    const { cookie } = readSyncState(session.db);
    const page = await session.client.pull({
      protocolVersion: SYNC_PROTOCOL_VERSION,
      clientId: session.deviceId,
      cookie,
      limit,
    });
    session.signal.throwIfAborted();
    const applied = applyPullPage(session.db, session.deviceId, page, session.now());
    outcome.pages += 1;
    outcome.rows += page.rows.length;
    outcome.remoteAuditEvents += applied.remoteAuditEvents;
    for (const table of applied.tables) outcome.tables.add(table);
    for (const event of page.audit) {
      if (outcome.latestHlc === null || event.hlc > outcome.latestHlc)
        outcome.latestHlc = event.hlc;
    }
    // A page that says "more" without moving the cookie would be asked for again and again.
    if (!page.more || page.cookie === cookie) return outcome;
  }
}

/**
 * Applies one page in ONE transaction, so a cut (a crash, a bad row) leaves the rows and the
 * cookie as they were and the same page is asked for again:
 *
 * 1. mutations the back office has processed (`lastMutationId`) stop being pending;
 * 2. versions of rows kept aside by an earlier pull (sync_server_rows) whose covering local
 *    change has since been acknowledged or rejected are put back (this page may bring newer);
 * 3. the page's rows are upserted per table by key, tombstones deleted; where a still-pending
 *    local change covers a row, the back office's version is also kept aside;
 * 4. REBASE: the row snapshots of the still-pending changes are re-applied on top, oldest
 *    first, for the rows this page overwrote, so local speculative changes stay visible;
 * 5. other devices' audit events are stored; the cookie advances.
 *
 * Nothing written here is captured as a local change. Foreign keys are checked at commit: a
 * page may bring a child before its parent.
 */
export function applyPullPage(
  db: Db,
  deviceId: string,
  page: PullResponse,
  nowMs: number,
): { tables: Set<SyncTable>; remoteAuditEvents: number } {
  const at = new Date(nowMs).toISOString();
  return db.$client.transaction(() => {
    db.$client.pragma('defer_foreign_keys = ON');
    acknowledgeThrough(db, page.lastMutationId, at);

    const shadowed = shadowedServerChanges(db);
    // Most pages find nothing pending (the round's push went first): skip reading the snapshots.
    const pending = page.rows.length > 0 || shadowed.length > 0 ? pendingRowSnapshots(db) : [];
    const covered = new Set<string>();
    for (const mutation of pending) {
      for (const change of mutation.rows) covered.add(coverageKey(change.table, change.row));
    }

    const tables = new Set<SyncTable>();
    for (const { coverage, change } of shadowed) {
      if (covered.has(coverage)) continue;
      applyRowChange(db, change);
      tables.add(change.table);
      forgetShadowedChange(db, change.table, coverage);
    }

    const overwritten = new Set<string>();
    for (const change of page.rows) {
      const coverage = coverageOf(db, change);
      applyRowChange(db, change);
      tables.add(change.table);
      if (covered.has(coverage)) {
        shadowServerChange(db, coverage, change);
        overwritten.add(coverage);
      }
    }

    for (const mutation of pending) {
      for (const change of mutation.rows) {
        if (!overwritten.has(coverageKey(change.table, change.row))) continue;
        upsertSyncedRow(db, change.table, fromWireRow(change.table, change.row));
      }
    }

    const remoteAuditEvents = insertRemoteAuditEvents(
      db,
      page.audit.filter((event) => event.deviceId !== deviceId),
    );
    const state = readSyncState(db);
    updateSyncState(db, {
      cookie: page.cookie,
      lastMutationIdAcked: Math.max(state.lastMutationIdAcked, page.lastMutationId),
    });
    // The triggers noted every row written above; none of them is a change made here.
    discardCapturedRows(db);
    return { tables, remoteAuditEvents };
  })();
}

/**
 * The coverage key of a change from the back office. A tombstone of a decision may carry only
 * its id: the request it decided is then read from the row about to be deleted.
 */
function coverageOf(db: Db, change: RowChange): string {
  if (change.table === 'approvals' && typeof change.row.refundRequestId !== 'string') {
    const local = readRow(db, 'approvals', wireKey('approvals', change.row));
    if (local) return coverageKey('approvals', local);
  }
  return coverageKey(change.table, change.row);
}
