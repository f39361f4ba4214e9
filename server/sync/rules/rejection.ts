import type { SyncErrorCode } from '../../../shared/sync/protocol';

/**
 * A mutation the rules refuse. Thrown from any rule; the mutation's transaction rolls back to
 * before it, and the refusal is recorded and answered (it still advances lastMutationId).
 */
export class Rejection extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'Rejection';
  }
}

export function reject(code: SyncErrorCode, message: string): never {
  throw new Rejection(code, message);
}
