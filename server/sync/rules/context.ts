import canonicalize from 'canonicalize';
import type { PushedMutation, SyncTable } from '../../../shared/sync/protocol';
import type { Db } from '../../database/client';
import { existingUserIds } from '../../directory/lookup';
import type { DeviceIdentity, Reach } from '../../directory/scope';
import { publishRow, readRow, rowKeyOf, type Audience, type RowData } from '../sync-rows';
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

export async function requireUsers(
  ctx: MutationContext,
  ids: (string | null | undefined)[],
): Promise<void> {
  const wanted = ids.filter((id): id is string => typeof id === 'string');
  const known = await existingUserIds(ctx.tx, wanted);
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length > 0) reject('UNKNOWN_REFERENCE', `Unknown user ${unknown[0]}.`);
}

export function publish(
  ctx: MutationContext,
  table: SyncTable,
  data: RowData,
  audience: Audience,
  deleted = false,
): Promise<void> {
  return publishRow(ctx.tx, { table, data, audience, deleted }, ctx.now);
}

export function storedRow(ctx: MutationContext, table: SyncTable, data: RowData) {
  return readRow(ctx.tx, table, rowKeyOf(table, data));
}
