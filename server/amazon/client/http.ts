import { z } from 'zod';
import { findOperation, type SpApiOperation } from '../models';
import { DEFAULT_BACKOFF, fullJitterDelayMs, type BackoffPolicy } from '../rate-limit/backoff';
import { type Clock } from '../rate-limit/clock';
import { type RateLimitRegistry } from '../rate-limit/registry';
import { parseRateLimitHeader } from '../rate-limit/token-bucket';
import {
  SpApiError,
  SpApiResponseShapeError,
  SpApiTransportError,
  type AmazonErrorEntry,
} from './errors';
import { type AccessTokenSource } from './lwa';

export interface SpApiLogEntry {
  operation: SpApiOperation;
  method: string;
  path: string;
  status: number | null;
  requestId: string | null;
  attempt: number;
  elapsedMs: number;
  outcome: 'ok' | 'retry' | 'refresh-token' | 'error';
}

export type SpApiLogger = (entry: SpApiLogEntry) => void;

/** Failures are worth a line on stderr by default; successes only when the caller asks. */
const defaultLogger: SpApiLogger = (entry) => {
  if (entry.outcome !== 'ok') console.warn(`[sp-api] ${JSON.stringify(entry)}`);
};

export interface SpApiTransportOptions {
  /** `https://sellingpartnerapi-na.amazon.com`, a sandbox host, or the simulator's URL. */
  endpoint: string;
  /** The seller account: the key of the shared rate-limit buckets. */
  sellerId: string;
  tokens: AccessTokenSource;
  rateLimits: RateLimitRegistry;
  backoff?: Partial<BackoffPolicy>;
  /** Per attempt; a request that hangs longer is abandoned. */
  timeoutMs?: number;
  logger?: SpApiLogger;
  fetch?: typeof fetch;
}

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface SpApiCall<T> {
  operation: SpApiOperation;
  pathParams?: Record<string, string>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  response: z.ZodType<T>;
}

export interface SpApiResult<T> {
  data: T;
  status: number;
  requestId: string | null;
}

/**
 * Operations that may be sent again after an unknown outcome without doing harm. createFeed is
 * not: a second feed would submit the refunds twice, so its unknown outcomes go back to the
 * caller (DESIGN.md §7: read the feeds first, never retry blindly).
 */
const NOT_REPEATABLE: ReadonlySet<SpApiOperation> = new Set(['createFeed']);

const errorListSchema = z.object({
  errors: z.array(
    z.object({ code: z.string(), message: z.string(), details: z.string().optional() }),
  ),
});

export function parseAmazonErrors(status: number, text: string): AmazonErrorEntry[] {
  try {
    const parsed = errorListSchema.safeParse(JSON.parse(text));
    if (parsed.success && parsed.data.errors.length > 0) return parsed.data.errors;
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall through.
  }
  return [{ code: `HTTP_${status}`, message: text.slice(0, 200) || `HTTP ${status}` }];
}

/** 401, or 403 with a message about an expired/invalid token: a fresh token may succeed. */
function isTokenRejection(status: number, errors: AmazonErrorEntry[]): boolean {
  if (status === 401) return true;
  return (
    status === 403 &&
    errors.some((e) =>
      /token.*(expired|invalid)|expired.*token/i.test(`${e.message} ${e.details ?? ''}`),
    )
  );
}

export class SpApiTransport {
  private readonly backoff: BackoffPolicy;
  private readonly timeoutMs: number;
  private readonly logger: SpApiLogger;
  private readonly fetchImpl: typeof fetch;
  readonly clock: Clock;

  constructor(private readonly options: SpApiTransportOptions) {
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.logger = options.logger ?? defaultLogger;
    this.fetchImpl = options.fetch ?? fetch;
    this.clock = options.rateLimits.clock;
  }

  get endpoint(): string {
    return this.options.endpoint;
  }

  async call<T>(call: SpApiCall<T>): Promise<SpApiResult<T>> {
    const op = findOperation(call.operation);
    const path = op.pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = call.pathParams?.[name];
      if (value === undefined) throw new TypeError(`${call.operation}: missing path ${name}`);
      return encodeURIComponent(value);
    });
    const url = new URL(path, this.options.endpoint);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      // An empty list is no filter at all: leave it out rather than send `name=`.
      if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
      // Swagger 2.0's default collectionFormat for arrays is csv, which every model here uses.
      url.searchParams.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
    const bucket = this.options.rateLimits.bucket(this.options.sellerId, call.operation);
    const repeatable = !NOT_REPEATABLE.has(call.operation);
    let tokenRefreshed = false;
    let retries = 0;

    for (let attempt = 1; ; attempt++) {
      await bucket.take();
      const token = await this.options.tokens.getAccessToken();
      const started = this.clock.now();
      const log = (
        status: number | null,
        requestId: string | null,
        outcome: SpApiLogEntry['outcome'],
      ) =>
        this.logger({
          operation: call.operation,
          method: op.method,
          path: url.pathname,
          status,
          requestId,
          attempt,
          elapsedMs: this.clock.now() - started,
          outcome,
        });

      let response: Response;
      let text: string;
      try {
        response = await this.fetchImpl(url, {
          method: op.method,
          headers: {
            'x-amz-access-token': token,
            accept: 'application/json',
            'user-agent': 'ReturnDesk/0.1 (Language=TypeScript)',
            ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        const reason =
          error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network';
        log(null, null, repeatable && retries + 1 < this.backoff.maxAttempts ? 'retry' : 'error');
        if (!repeatable || retries + 1 >= this.backoff.maxAttempts) {
          throw new SpApiTransportError(call.operation, reason, !repeatable, { cause: error });
        }
        await this.clock.sleep(fullJitterDelayMs(retries++, this.backoff));
        continue;
      }

      const requestId = response.headers.get('x-amzn-requestid');
      const limit = parseRateLimitHeader(response.headers.get('x-amzn-ratelimit-limit'));
      if (limit !== null) bucket.adaptRate(limit);

      if (response.ok) {
        let json: unknown = undefined;
        if (text.length > 0) {
          try {
            json = JSON.parse(text);
          } catch {
            log(response.status, requestId, 'error');
            throw new SpApiResponseShapeError(call.operation, requestId, 'body is not JSON');
          }
        }
        const parsed = call.response.safeParse(json);
        if (!parsed.success) {
          log(response.status, requestId, 'error');
          throw new SpApiResponseShapeError(
            call.operation,
            requestId,
            z.prettifyError(parsed.error),
          );
        }
        log(response.status, requestId, 'ok');
        return { data: parsed.data, status: response.status, requestId };
      }

      const errors = parseAmazonErrors(response.status, text);
      if (isTokenRejection(response.status, errors) && !tokenRefreshed) {
        // Exactly one retry with a fresh token; a second rejection is a real authorization error.
        tokenRefreshed = true;
        this.options.tokens.invalidate(token);
        log(response.status, requestId, 'refresh-token');
        continue;
      }
      const throttled = response.status === 429;
      if (throttled) bucket.drain();
      // A throttled request was not processed, so even createFeed may be sent again.
      const retryable = throttled || (response.status >= 500 && repeatable);
      if (retryable && retries + 1 < this.backoff.maxAttempts) {
        log(response.status, requestId, 'retry');
        await this.clock.sleep(fullJitterDelayMs(retries++, this.backoff));
        continue;
      }
      log(response.status, requestId, 'error');
      throw new SpApiError(
        call.operation,
        response.status,
        errors,
        requestId,
        response.status >= 500 && !repeatable,
      );
    }
  }
}
