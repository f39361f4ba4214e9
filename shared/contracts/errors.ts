/**
 * Stable error codes. The UI translates them (`errors.<CODE>` in shared/i18n); tests and
 * the back office match on them. Add codes, never rename them.
 */
export const ERROR_CODES = [
  'UNKNOWN_CALL',
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'SESSION_LOCKED',
  'FORBIDDEN',
  'OUT_OF_SCOPE',
  'BAD_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'WRONG_STORE',
  'NOT_FOUND',
  'CONFLICT',
  'BAD_TOKEN',
  'TOO_LARGE',
  'INVALID_ORDER_ID',
  'QUANTITY_EXCEEDS_REMAINING',
  'NOT_ELIGIBLE',
  'OVERRIDE_NOT_ALLOWED',
  'REFUND_EXCEEDS_PAID',
  'REFUND_ALREADY_REQUESTED',
  'ADJUSTMENT_REASON_REQUIRED',
  'INVALID_TRANSITION',
  'QC_REQUIRED',
  'DISPOSITION_NOT_ALLOWED',
  'NOT_AN_IMAGE',
  'REPRINT_REASON_REQUIRED',
  'ALREADY_DECIDED',
  'GRANT_INVALID',
  /** The network printer's name does not resolve, or it refuses or ignores the connection. */
  'PRINTER_UNREACHABLE',
  /** The printer took the connection but not the whole job in time: it may have printed part. */
  'PRINTER_TIMEOUT',
  /** The OS printer or the connection failed while printing. */
  'PRINT_FAILED',
  /** An OS printer was asked for where there is none (browser mode). */
  'SYSTEM_PRINTING_UNAVAILABLE',
  /** The app stopped while a job was being sent: it may or may not have printed. */
  'PRINT_INTERRUPTED',
  /** Directory (admin): another person has that username. */
  'USERNAME_TAKEN',
  /** Directory (admin): a clerk or store manager works at a store, a regional manager in a region, finance and admins chain-wide. */
  'ROLE_SCOPE_MISMATCH',
  /** Directory (admin): a PIN is 4–8 digits, a password at least 10 characters. */
  'WEAK_SECRET',
  /** Directory (admin): nobody deactivates or demotes themselves (the chain would lose its admin). */
  'CANNOT_CHANGE_SELF',
  /** Sync: the back office does not answer (down, no network, too slow). */
  'BACK_OFFICE_UNREACHABLE',
  /** Sync: the back office refused or failed; `details` carry its code and trace id. */
  'BACK_OFFICE_ERROR',
  /** Enrolment: the code is wrong, already used or expired. */
  'ENROLLMENT_CODE_INVALID',
  /** Enrolment: this desktop has taken returns at its store and cannot move to another. */
  'ENROLLMENT_STORE_CONFLICT',
  /** Sync: the device credentials file may be read by others and is not used. */
  'CREDENTIALS_INSECURE',
  /** Offline approval: the code fits no manager's key for this challenge (a typo or a guess). */
  'OFFLINE_CODE_INVALID',
  /** Offline approval: the code was made for this challenge but another amount or currency. */
  'OFFLINE_CODE_WRONG_AMOUNT',
  /** Offline approval: the challenge expired; ask for a new one. */
  'OFFLINE_CODE_EXPIRED',
  /** Offline approval: the challenge (and its code) was used already. */
  'OFFLINE_CODE_USED',
  /** Offline approval: too many wrong codes; the challenge is burnt or the store locked (`until`). */
  'OFFLINE_CODE_LOCKED',
  /** Offline approval: the code is from a manager key revoked at the back office. */
  'MANAGER_KEY_REVOKED',
  /** Offline approval: this desktop holds no key of the signed-in manager (not synced yet). */
  'NO_MANAGER_KEY',
  /** Offline approval: over the policy's offline limits (amount, approvals per day, days offline). */
  'OFFLINE_LIMIT_EXCEEDED',
  /** Offline approval: the request on this desktop is for another amount than the one typed. */
  'AMOUNT_MISMATCH',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** Every call answers with one of these; errors are values, never thrown across a bridge. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AppErrorBody };

/** Thrown inside the backend; the registry turns it into an `{ok:false}` envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): AppErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
