import { AppError, type ErrorCode } from '../../../shared/contracts';

/**
 * Why a print job failed, and whether the worker may simply try again: only when nothing can
 * have reached the printer and the cause may pass on its own (a printer switched off, a name
 * the network does not resolve yet). A job that may have printed part, or that a person must
 * fix, waits for a person: resending it could print a label twice.
 */
export class PrintError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly retryable: boolean,
    details?: unknown,
  ) {
    super(code, message, details);
    this.name = 'PrintError';
  }
}

/** Any failure as a PrintError; something unexpected is not retried. */
export function asPrintError(error: unknown): PrintError {
  if (error instanceof PrintError) return error;
  if (error instanceof AppError) return new PrintError(error.code, error.message, false);
  return new PrintError('PRINT_FAILED', String((error as Error)?.message ?? error), false);
}
