import type { PushedMutation } from '../../../shared/sync/protocol';
import { SERVER_OWNED_TABLES } from '../../../shared/sync/protocol';
import type { Db } from '../../database/client';
import type { DeviceIdentity, Reach } from '../../directory/scope';
import { reachCovers } from '../../directory/scope';
import { rowSchemaOf } from '../row-schemas';
import type { BatchMemo } from '../batch-memo';
import type { PendingPublishes } from '../sync-rows';
import { applyApprovals } from './approvals';
import type { MutationContext, ParsedRows } from './context';
import { applyDirectory } from './directory';
import { applyInsertOnly } from './insert-only';
import { applyPolicySets } from './policy-sets';
import { reject } from './rejection';
import { applyRefundRequests } from './refund-requests';
import { applyReturns } from './returns';

function parseRows(mutation: PushedMutation): ParsedRows {
  const parsed: ParsedRows = {};
  mutation.rows.forEach((change, index) => {
    if ((SERVER_OWNED_TABLES as readonly string[]).includes(change.table)) {
      reject(
        'FORBIDDEN',
        `${change.table} come from Amazon through the back office, never from a desktop.`,
      );
    }
    if (change.deleted) reject('INVALID_ROW', 'Only the back office deletes rows.');
    const schema = rowSchemaOf(change.table);
    if (!schema)
      reject('FORBIDDEN', `This back office does not take ${change.table} from desktops.`);
    const result = schema.safeParse(change.row);
    if (!result.success) {
      const issue = result.error.issues[0];
      reject(
        'INVALID_ROW',
        `rows[${index}] (${change.table}): ${issue?.path.join('.') || 'row'} ${issue?.message ?? 'is invalid'}`,
      );
    }
    (parsed[change.table] ??= []).push(result.data as Record<string, unknown>);
  });
  return parsed;
}

export interface RuleInput {
  tx: Db;
  device: DeviceIdentity;
  reach: Reach;
  mutation: PushedMutation;
  regionOfStore: (storeId: string) => string | undefined;
  now: Date;
  pending?: PendingPublishes;
  memo?: BatchMemo;
}

/**
 * Checks and applies the rows of one mutation (DESIGN.md §5), parents before children; any
 * refusal throws a Rejection and the caller rolls the whole mutation back.
 */
export async function applyMutationRows(input: RuleInput): Promise<void> {
  const { mutation } = input;
  if (mutation.storeId && !reachCovers(input.reach, { storeId: mutation.storeId })) {
    reject('OUT_OF_SCOPE', 'The mutation is about a store this device does not reach.');
  }
  const ctx: MutationContext = { ...input, rows: parseRows(mutation) };
  await applyDirectory(ctx);
  await applyPolicySets(ctx);
  await applyReturns(ctx);
  await applyRefundRequests(ctx);
  await applyApprovals(ctx);
  await applyInsertOnly(ctx);
}
