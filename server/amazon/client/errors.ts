import { type SpApiOperation } from '../models';

/** One entry of Amazon's `errors[]` (ErrorList in every model). */
export interface AmazonErrorEntry {
  code: string;
  message: string;
  details?: string;
}

/** An SP-API call that Amazon answered with an error status (after any retries we allow). */
export class SpApiError extends Error {
  override readonly name = 'SpApiError';
  constructor(
    readonly operation: SpApiOperation,
    readonly status: number,
    readonly errors: AmazonErrorEntry[],
    readonly requestId: string | null,
    /** True when Amazon may have acted on the request (a 5xx to a non-idempotent call). */
    readonly outcomeUnknown = false,
  ) {
    const first = errors[0];
    super(
      `${operation}: HTTP ${status} ${first ? `${first.code}: ${first.message}` : ''}` +
        (requestId ? ` (x-amzn-RequestId ${requestId})` : ''),
    );
  }

  /** Amazon's code of the first error, e.g. `InvalidInput`, `QuotaExceeded`, `Unauthorized`. */
  get code(): string {
    return this.errors[0]?.code ?? `HTTP_${this.status}`;
  }
}

/** The request never got an answer: network failure or our timeout. */
export class SpApiTransportError extends Error {
  override readonly name = 'SpApiTransportError';
  constructor(
    readonly operation: SpApiOperation,
    readonly reason: 'timeout' | 'network',
    /** True when the request may have reached Amazon (never retried blindly for createFeed). */
    readonly outcomeUnknown: boolean,
    options?: { cause?: unknown },
  ) {
    super(`${operation}: ${reason === 'timeout' ? 'timed out' : 'network error'}`, options);
  }
}

/** Amazon answered 2xx with a body our schema does not accept. */
export class SpApiResponseShapeError extends Error {
  override readonly name = 'SpApiResponseShapeError';
  constructor(
    readonly operation: SpApiOperation,
    readonly requestId: string | null,
    readonly issues: string,
  ) {
    super(`${operation}: unexpected response shape (${issues})`);
  }
}

/** Login with Amazon refused or failed to issue an access token. */
export class LwaError extends Error {
  override readonly name = 'LwaError';
  constructor(
    readonly status: number | null,
    /** LWA's `error`, e.g. `invalid_grant`, `invalid_client`; `network`/`timeout`/`bad_response`. */
    readonly code: string,
    readonly description: string,
  ) {
    super(`Login with Amazon: ${code}${description ? ` (${description})` : ''}`);
  }
}

export type DocumentProblem = 'http' | 'truncated' | 'corrupt' | 'encoding' | 'network';

/** A report or feed-result document could not be downloaded or decoded. */
export class SpApiDocumentError extends Error {
  override readonly name = 'SpApiDocumentError';
  constructor(
    readonly documentId: string,
    readonly problem: DocumentProblem,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`document ${documentId}: ${problem} (${detail})`, options);
  }
}

/** A report or feed ended FATAL or CANCELLED, or never finished in the time we gave it. */
export class SpApiProcessingError extends Error {
  override readonly name = 'SpApiProcessingError';
  constructor(
    readonly kind: 'report' | 'feed',
    readonly id: string,
    readonly processingStatus: string,
    /** A FATAL report or feed may still carry a document that says why. */
    readonly documentId: string | null,
  ) {
    super(`${kind} ${id} ended ${processingStatus}`);
  }
}
