import type { MutationResult, PushedMutation } from '../../shared/sync/protocol';
import type { Db } from '../database/client';
import type { DeviceIdentity, Reach } from '../directory/scope';
import { duplicateAnswer, lastMutationIdOf, recordProcessed } from './client-state';
import { applyMutationRows } from './rules';
import { Rejection } from './rules/rejection';
import { withSyncWrite } from './write-lock';

export interface ApplyMutationInput {
  device: DeviceIdentity;
  reach: Reach;
  mutation: PushedMutation;
  regionOfStore: (storeId: string) => string | undefined;
  now: Date;
}

/**
 * One mutation, one transaction (DESIGN.md §5): its rows are applied inside a savepoint; a rule
 * refusal rolls back to it and is recorded instead, still advancing lastMutationId so one bad
 * mutation never blocks the queue. Anything else (a bug, the database going away) fails the
 * push without recording the mutation: the desktop pushes it again later rather than lose it.
 */
export async function applyMutation(db: Db, input: ApplyMutationInput): Promise<MutationResult> {
  const { mutation, device, now } = input;
  return withSyncWrite(db, async (tx) => {
    // Under the lock: a second push of the same outbox racing this one finds it processed.
    if (mutation.mutationId <= (await lastMutationIdOf(tx, device.id))) {
      return duplicateAnswer(tx, device.id, mutation.mutationId);
    }
    let result: MutationResult;
    try {
      await tx.transaction((savepoint) =>
        applyMutationRows({ ...input, tx: savepoint as unknown as Db }),
      );
      result = { mutationId: mutation.mutationId, status: 'applied' };
    } catch (error) {
      if (!(error instanceof Rejection)) throw error;
      result = {
        mutationId: mutation.mutationId,
        status: 'rejected',
        code: error.code,
        reason: error.message,
      };
    }
    await recordProcessed(tx, {
      clientId: device.id,
      mutationId: mutation.mutationId,
      id: mutation.id,
      name: mutation.name,
      userId: mutation.userId,
      result,
      now,
    });
    return result;
  });
}
