import type { FastifyError, FastifyInstance } from 'fastify';
import type { SyncErrorBody, SyncErrorCode } from '../../shared/sync/protocol';

/**
 * HTTP status per error code: stable, so clients can branch on either. Partial on purpose: a
 * code added to the protocol for per-mutation answers never needs a status of its own (400).
 */
const STATUS_OF: Partial<Record<SyncErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  DEVICE_REVOKED: 401,
  PROTOCOL_VERSION: 400,
  MALFORMED_BATCH: 400,
  TOO_LARGE: 413,
  BATCH_REPLAYED: 409,
  CLOCK_SKEW: 400,
  ENROLLMENT_CODE_INVALID: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  OUT_OF_SCOPE: 403,
  UNKNOWN_REFERENCE: 404,
  IMMUTABLE: 409,
  REFUND_EXCEEDS_PAID: 409,
  ALREADY_DECIDED: 409,
  DIGEST_MISMATCH: 409,
  INVALID_TRANSITION: 409,
  INVALID_ROW: 400,
  OFFLINE_CODE_INVALID: 409,
  OFFLINE_CODE_WRONG_AMOUNT: 409,
  MANAGER_KEY_REVOKED: 409,
  INTERNAL: 500,
};

/** A refusal of a whole request, answered as `{error: {code, message, traceId}}`. */
export class HttpProblem extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    statusCode?: number,
  ) {
    super(message);
    this.name = 'HttpProblem';
    this.statusCode = statusCode ?? STATUS_OF[code] ?? 400;
  }
}

export function errorBody(code: SyncErrorCode, message: string, traceId: string): SyncErrorBody {
  return { error: { code, message, traceId } };
}

/** Fastify's own errors (body parsing, limits) in our codes. */
function fromFastifyError(error: FastifyError): HttpProblem | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpProblem(
        'TOO_LARGE',
        'The request body is larger than the back office accepts.',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpProblem('MALFORMED_BATCH', 'Send JSON (Content-Type: application/json).', 415);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpProblem('MALFORMED_BATCH', error.message);
    default:
      return null;
  }
}

/**
 * Every error leaves as the protocol's error body with the request id as `traceId`, and is
 * logged with its code, so support can find the log line the user reads out.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem =
      error instanceof HttpProblem
        ? error
        : (fromFastifyError(error) ?? new HttpProblem('INTERNAL', 'Something went wrong.'));
    if (problem.code === 'INTERNAL') {
      request.log.error({ err: error, code: problem.code }, 'request failed');
    } else {
      request.log.warn({ code: problem.code, reason: problem.message }, 'request refused');
    }
    void reply
      .code(problem.statusCode)
      .send(errorBody(problem.code, problem.message, String(request.id)));
  });
  app.setNotFoundHandler((request, reply) => {
    request.log.warn({ code: 'NOT_FOUND', url: request.url }, 'request refused');
    void reply.code(404).send(errorBody('NOT_FOUND', 'No such endpoint.', String(request.id)));
  });
}
