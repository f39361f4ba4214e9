import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { z } from 'zod';
import {
  EnrollResponseSchema,
  PullResponseSchema,
  PushResponseSchema,
  SYNC_PATHS,
  SyncErrorBodySchema,
  type EnrollRequest,
  type EnrollResponse,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type SyncErrorCode,
} from '../../../shared/sync/protocol';

const gzipAsync = promisify(gzip);

/** What went wrong talking to the back office, beyond the server's own codes. */
export type TransportErrorCode = 'UNREACHABLE' | 'TIMEOUT' | 'BAD_RESPONSE';
export type SyncFailureCode = SyncErrorCode | TransportErrorCode;

/**
 * A failed request to the back office: its error body (`{error:{code,message,traceId}}`) when
 * it answered with one, else why there was no usable answer. `status` is null when no HTTP
 * answer came back at all.
 */
export class SyncHttpError extends Error {
  constructor(
    readonly code: SyncFailureCode,
    message: string,
    readonly status: number | null,
    readonly traceId: string | null,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }

  /** The back office could not be reached or did not answer in time: try again later. */
  get unreachable(): boolean {
    return this.code === 'UNREACHABLE' || this.code === 'TIMEOUT' || (this.status ?? 0) >= 500;
  }
}

export interface SyncClientOptions {
  /** The back office's base URL (a path prefix is kept). */
  baseUrl: string;
  /** The device token (`deviceId.secret`); not needed to enroll. */
  token?: string;
  /** Injected in tests; the global fetch (undici) otherwise. */
  fetch?: typeof fetch;
  /** Per request, from sending to the last byte of the answer. */
  timeoutMs?: number;
  /** Aborts every request in flight (the backend is closing). */
  signal?: AbortSignal;
}

export interface SyncClient {
  push(request: PushRequest): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
  enroll(request: EnrollRequest): Promise<EnrollResponse>;
  /** An admin action that needs its answer now (an enrollment code, a revocation). */
  admin<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.infer<S>>;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** The back office's sync endpoints over HTTP: gzip both ways, a deadline per request. */
export function createSyncClient(options: SyncClientOptions): SyncClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const base = options.baseUrl.replace(/\/+$/, '');

  async function post<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    authenticated: boolean,
  ): Promise<z.infer<S>> {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'accept-encoding': 'gzip',
      accept: 'application/json',
    };
    if (authenticated) {
      if (!options.token) throw new Error(`${path} needs the device token`);
      headers.authorization = `Bearer ${options.token}`;
    }
    const failed = (error: unknown): never => {
      // Closing the backend is not a failure of the back office: let the caller see the abort.
      if (options.signal?.aborted) throw options.signal.reason;
      if (deadline.aborted)
        throw new SyncHttpError(
          'TIMEOUT',
          `The back office did not answer within ${timeoutMs} ms.`,
          null,
          null,
        );
      throw new SyncHttpError(
        'UNREACHABLE',
        `The back office cannot be reached: ${describeNetworkError(error)}`,
        null,
        null,
      );
    };

    let response: Response;
    let text: string;
    try {
      const compressed = await gzipAsync(Buffer.from(JSON.stringify(body)));
      response = await doFetch(`${base}${path}`, {
        method: 'POST',
        headers,
        body: compressed,
        signal,
        redirect: 'error',
      });
      // fetch undoes the gzip of the answer itself (content-encoding).
      text = await response.text();
    } catch (error) {
      return failed(error);
    }

    const json = parseJson(text);
    if (!response.ok) {
      const parsed = SyncErrorBodySchema.safeParse(json);
      if (parsed.success) {
        const { code, message, traceId } = parsed.data.error;
        throw new SyncHttpError(code, message, response.status, traceId);
      }
      throw new SyncHttpError(
        'BAD_RESPONSE',
        `The back office answered ${response.status} without an error body.`,
        response.status,
        response.headers.get('x-request-id'),
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new SyncHttpError(
        'BAD_RESPONSE',
        `The back office's answer to ${path} does not fit the protocol: ${parsed.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
          .join('; ')}`,
        response.status,
        response.headers.get('x-request-id'),
      );
    }
    return parsed.data;
  }

  return {
    push: (request) => post(SYNC_PATHS.push, request, PushResponseSchema, true),
    pull: (request) => post(SYNC_PATHS.pull, request, PullResponseSchema, true),
    enroll: (request) => post(SYNC_PATHS.enroll, request, EnrollResponseSchema, false),
    admin: (path, body, schema) => post(path, body, schema, true),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** undici hides the socket error in `cause` ("fetch failed" says nothing). */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
