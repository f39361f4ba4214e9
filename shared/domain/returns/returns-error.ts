import { AppError } from '../../contracts/errors';

/**
 * An error the returns domain throws with a stable code. It is an AppError so that the
 * backend's registry turns it into an `{ok:false}` envelope with that code (and the sync server
 * into a rejected mutation) instead of an INTERNAL error.
 */
export type ReturnsErrorCode = 'INVALID_TRANSITION';

export class ReturnsDomainError extends AppError {
  constructor(
    override readonly code: ReturnsErrorCode,
    message: string,
    override readonly details?: Record<string, string | number | null>,
  ) {
    super(code, message, details);
    this.name = 'ReturnsDomainError';
  }
}
