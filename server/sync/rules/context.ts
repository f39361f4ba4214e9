import canonicalize from 'canonicalize';
import type { PushedMutation, SyncTable } from '../../../shared/sync/protocol';
import type { Db } from '../../database/client';
import { existingUserIds } from '../../directory/lookup';
import type { DeviceIdentity, Reach } from '../../directory/scope';
import {
  publishRow,
  readRow,
  rowKeyOf,
  type Audience,
  type PendingPublishes,
  type RowData,
  type StoredRow,
} from '../sync-rows';
import type { BatchMemo } from '../batch-memo';
import { reject } from './rejection';

/** Everything a rule needs about the mutation it checks. */
export interface MutationContext {
  tx: Db;
  device: DeviceIdentity;
  reach: Reach;
  mutation: PushedMutation;
  /** The mutation's rows, parsed, by table, in the order the desktop sent them. */
  rows: ParsedRows;
  regionOfStore: (storeId: string) => string | undefined;
  now: Date;
  /** Where a push batch holds the rows it publishes until its end (sync-rows.ts). */
  pending?: PendingPublishes;
  /** What a push batch knows already (batch-memo.ts). */
  memo?: BatchMemo;
}

export type ParsedRows = { [T in SyncTable]?: RowData[] };

export function rowsOf<T>(ctx: MutationContext, table: SyncTable): T[] {
  return (ctx.rows[table] ?? []) as T[];
}

/** Equal as JSON values, whatever the key order (jsonb does not keep it). */
export function sameRow(a: RowData, b: RowData): boolean {
  return canonicalize(a) === canonicalize(b);
}

export function withoutKeys(row: RowData, keys: readonly string[]): RowData {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !keys.includes(key)));
}

/** Store-owned rows are written only by the store's own devices. */
export function requireOwnStore(ctx: MutationContext, storeId: string, what: string): void {
  if (storeId !== ctx.device.storeId) {
    reject('OUT_OF_SCOPE', `${what} belongs to another store; only that store's devices write it.`);
  }
}

/**
 * A fact the batch may know already (batch-memo.ts): only for rows never deleted, and values
 * made of fields never updated. Nothing is remembered of a row not found.
 */
export async function memo<T>(
  ctx: MutationContext,
  key: string,
  load: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const known = ctx.memo?.get<T>(key);
  if (known !== undefined) return known;
  const value = await load();
  if (value !== undefined) ctx.memo?.set(key, value);
  return value;
}

export async function requireUsers(
  ctx: MutationContext,
  ids: (string | null | undefined)[],
): Promise<void> {
  const wanted = ids.filter((id): id is string => typeof id === 'string');
  // Users are deactivated, never deleted: one seen in this batch still exists.
  const asked = wanted.filter((id) => ctx.memo?.get(`user:${id}`) === undefined);
  const known = await existingUserIds(ctx.tx, asked);
  for (const id of known) ctx.memo?.set(`user:${id}`, true);
  const unknown = asked.filter((id) => !known.has(id));
  if (unknown.length > 0) reject('UNKNOWN_REFERENCE', `Unknown user ${unknown[0]}.`);
}

export function publish(
  ctx: MutationContext,
  table: SyncTable,
  data: RowData,
  audience: Audience,
  deleted = false,
): Promise<void> {
  if (ctx.pending) {
    ctx.pending.publish({ table, data, audience, deleted });
    return Promise.resolve();
  }
  return publishRow(ctx.tx, { table, data, audience, deleted }, ctx.now);
}

/** The row as desktops will pull it, including what this push published before. */
export function storedRowByKey(
  ctx: MutationContext,
  table: SyncTable,
  rowKey: string,
): Promise<StoredRow | undefined> {
  return ctx.pending ? ctx.pending.read(ctx.tx, table, rowKey) : readRow(ctx.tx, table, rowKey);
}

export function storedRow(ctx: MutationContext, table: SyncTable, data: RowData) {
  return storedRowByKey(ctx, table, rowKeyOf(table, data));
}

/** Before a rule queries sync_rows itself: write what this mutation has published so far. */
export async function syncRowsReadable(ctx: MutationContext): Promise<void> {
  await ctx.pending?.flushMutation(ctx.tx);
}
