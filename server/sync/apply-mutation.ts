import type { MutationResult, PushedMutation } from '../../shared/sync/protocol';
import type { Db } from '../database/client';
import type { DeviceIdentity, Reach } from '../directory/scope';
import type { BatchMemo } from './batch-memo';
import type { ProcessedMutation } from './client-state';
import { applyMutationRows } from './rules';
import { Rejection } from './rules/rejection';
import type { PendingPublishes } from './sync-rows';

export interface ApplyMutationInput {
  device: DeviceIdentity;
  reach: Reach;
  mutation: PushedMutation;
  regionOfStore: (storeId: string) => string | undefined;
  now: Date;
}

/** Tables whose rules query sync_rows themselves (not through the batch's pending rows). */
const READS_SYNC_ROWS = new Set<string>(['policySets', 'approvals']);

/**
 * One mutation of a push batch, inside the batch's transaction (push.ts) and under its write
 * lock (DESIGN.md §5): its rows are applied inside a savepoint; a rule refusal rolls back to it
 * and is answered `rejected` (still recorded and still advancing lastMutationId, so one bad
 * mutation never blocks the queue), leaving the mutations before and after it as they are.
 * Anything else (a bug, the database going away) is thrown: the caller's transaction rolls
 * back and nothing of the batch is recorded — the desktop pushes it all again later rather than
 * lose it.
 *
 * Rows the mutation publishes wait in `pending` and are written at the end of the batch; what
 * it learnt that cannot change goes into `memo` for the next mutations; the answer goes into
 * `processed`, which the caller records in one statement at the end.
 */
export async function applyMutationInBatch(
  tx: Db,
  input: ApplyMutationInput,
  batch: { pending: PendingPublishes; memo: BatchMemo; processed: ProcessedMutation[] },
): Promise<MutationResult> {
  const { pending, memo, processed } = batch;
  const { mutation, device, now } = input;
  // A rule that queries sync_rows itself must find the batch's earlier rows written.
  if (!pending.batchIsEmpty && mutation.rows.some((r) => READS_SYNC_ROWS.has(r.table))) {
    await pending.flushBatch(tx);
  }
  let result: MutationResult;
  try {
    await tx.transaction((savepoint) =>
      applyMutationRows({ ...input, tx: savepoint as unknown as Db, pending, memo }),
    );
    pending.commitMutation();
    memo.commitMutation();
    result = { mutationId: mutation.mutationId, status: 'applied' };
  } catch (error) {
    pending.discardMutation();
    memo.discardMutation();
    if (!(error instanceof Rejection)) throw error;
    result = {
      mutationId: mutation.mutationId,
      status: 'rejected',
      code: error.code,
      reason: error.message,
    };
  }
  processed.push({
    clientId: device.id,
    mutationId: mutation.mutationId,
    id: mutation.id,
    name: mutation.name,
    userId: mutation.userId,
    result,
    now,
  });
  return result;
}
