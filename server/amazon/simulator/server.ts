import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { z } from 'zod';
import { MARKETPLACE_CODES } from '../../../shared/domain/marketplaces';
import { SPAPI_OPERATION_NAMES, type SpApiOperation } from '../models';
import { PUBLISHED_USAGE_PLANS } from '../rate-limit/published-limits';
import { TokenBucket } from '../rate-limit/token-bucket';
import { ModelValidator } from '../validation/model-validator';
import { FaultInjector, faultRuleSchema } from './faults';
import { createHandlers } from './handlers';
import { type LedgerEntry } from './ledger';
import { orderJson } from './order-json';
import { matchSandboxExample } from './sandbox';
import { SimClock } from './sim-clock';
import { SimulatorState, type SimTimings } from './state';

/** The LWA credentials the simulator accepts (demo only; never real secrets). */
export const SIMULATOR_CREDENTIALS = {
  clientId: 'amzn1.application-oa2-client.returndesk-simulator',
  clientSecret: 'simulator-client-secret',
  refreshToken: 'Atzr|returndesk-simulator-refresh-token',
  sellerId: 'A3SIMULATEDSELLER',
} as const;

export interface SimulatorOptions {
  port?: number;
  host?: string;
  seed?: number;
  /** How many demo orders exist at start (default 600). */
  orderCount?: number;
  /** Sim time runs this many times faster than the wall clock (default 1). */
  timeScale?: number;
  /** Sim time at start (default now). Orders fall in the 120 days before it. */
  referenceTime?: Date;
  /**
   * The instant the demo orders are generated for (default: the sim's start). The back office
   * seeds generateOrders for the start of its UTC day; passing that day here gives the
   * simulator the very same orders (same amazonOrderIds) while its clock runs from now.
   */
  ordersReferenceTime?: Date;
  /** `simulate` (default): generated data; `sandbox`: Amazon's static examples only. */
  mode?: 'simulate' | 'sandbox';
  /** Enforce the published rate limits (default true). */
  rateLimits?: boolean;
  timings?: Partial<SimTimings>;
}

export interface ValidationRecord {
  operation: SpApiOperation | null;
  method: string;
  path: string;
  requestErrors: string[];
  responseErrors: string[];
  status: number;
}

export interface AmazonSimulator {
  url: string;
  close(): Promise<void>;
  ledger: { all(): readonly LedgerEntry[] };
  faults: FaultInjector;
  /** Every SP-API request with its request and response validation results. */
  validations: ValidationRecord[];
  /** Requests per operation that the simulator accepted (not throttled). */
  served: Record<string, number>;
  /** Requests per operation refused with 429 by the published rate limits (not injected faults), with when. */
  throttled: { operation: string; atMs: number }[];
  clock: SimClock;
  state: SimulatorState;
}

const errorBody = (code: string, message: string, details = '') => ({
  errors: [{ code, message, details }],
});

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined || body === null ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-RequestId': randomUUID(),
    ...headers,
  });
  res.end(text);
}

/**
 * Starts the Amazon simulator (DESIGN.md §1): LWA token endpoint, the SP-API operations we use
 * validated against the official models, generated orders and reports, a ledger of refunds
 * applied from Order Adjustment feeds, published rate limits, and faults on demand.
 */
export async function startAmazonSimulator(
  options: SimulatorOptions = {},
): Promise<AmazonSimulator> {
  const clock = new SimClock(
    (options.referenceTime ?? new Date()).getTime(),
    options.timeScale ?? 1,
  );
  const timings: SimTimings = {
    reportProcessingMs: 30_000,
    feedProcessingMs: 60_000,
    financialEventsLagMs: 0,
    ...options.timings,
  };
  const state = new SimulatorState(
    clock,
    timings,
    options.seed ?? 20261121,
    options.orderCount ?? 600,
    options.ordersReferenceTime?.getTime(),
  );
  const faults = new FaultInjector();
  const validator = new ModelValidator();
  const { handlers, settleDueFeeds, createOrder } = createHandlers(state, faults);
  const buckets = new Map<SpApiOperation, TokenBucket>(
    SPAPI_OPERATION_NAMES.map((op) => [op, new TokenBucket(PUBLISHED_USAGE_PLANS[op], clock)]),
  );
  const tokens = new Map<string, number>(); // access token → expiry (sim ms)
  const validations: ValidationRecord[] = [];
  const served: Record<string, number> = {};
  const throttled: { operation: string; atMs: number }[] = [];
  const mode = options.mode ?? 'simulate';
  let baseUrl = '';

  async function hang(res: ServerResponse, ms: number | undefined): Promise<void> {
    // Wall-clock wait: the client's timeout is what is being tested.
    await new Promise((resolve) => setTimeout(resolve, ms ?? 120_000));
    if (!res.destroyed) res.destroy();
  }

  async function handleLwa(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams((await readBody(req)).toString('utf8'));
    const fault = faults.take('request', 'lwa');
    if (fault?.kind === 'hang') return hang(res, fault.hangMs);
    if (fault)
      return send(res, fault.kind === 'throttle' ? 429 : 500, {
        error: 'server_error',
        error_description: fault.kind,
      });
    if (form.get('grant_type') !== 'refresh_token') {
      return send(res, 400, {
        error: 'unsupported_grant_type',
        error_description: 'Only refresh_token is supported',
      });
    }
    if (
      form.get('client_id') !== SIMULATOR_CREDENTIALS.clientId ||
      form.get('client_secret') !== SIMULATOR_CREDENTIALS.clientSecret
    ) {
      return send(res, 401, {
        error: 'invalid_client',
        error_description: 'Client authentication failed',
      });
    }
    if (form.get('refresh_token') !== SIMULATOR_CREDENTIALS.refreshToken) {
      return send(res, 400, {
        error: 'invalid_grant',
        error_description: 'The request has an invalid grant parameter : refresh_token',
      });
    }
    const token = `Atza|sim-${randomUUID()}`;
    tokens.set(token, clock.now() + 3600_000);
    send(res, 200, {
      access_token: token,
      token_type: 'bearer',
      expires_in: 3600,
      refresh_token: SIMULATOR_CREDENTIALS.refreshToken,
    });
  }

  async function handleDocument(res: ServerResponse, id: string): Promise<void> {
    const doc = state.documents.get(id);
    if (!doc) return send(res, 404, errorBody('NotFound', 'No such document'));
    const fault = faults.take('document', 'document');
    let bytes = doc.bytes;
    if (fault?.kind === 'corrupt-document') {
      bytes = Buffer.from(bytes);
      // Damage the middle: a gzip stream fails its checks, plain text stops being UTF-8.
      const from = Math.floor(bytes.length / 2);
      for (let i = from; i < Math.min(bytes.length, from + 16); i++) bytes[i] = 0xff;
    }
    const headers: Record<string, string> = {
      'content-type': doc.contentType,
      'content-length': String(bytes.length),
    };
    if (fault?.kind === 'truncate-document') {
      // Declare the full length, send half, close: what a dropped download looks like.
      res.writeHead(200, headers);
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      await new Promise((resolve) => setTimeout(resolve, 20));
      res.destroy();
      return;
    }
    res.writeHead(200, headers).end(bytes);
  }

  async function handleUpload(
    req: IncomingMessage,
    res: ServerResponse,
    id: string,
  ): Promise<void> {
    const upload = state.uploads.get(id);
    const body = await readBody(req);
    if (req.method === 'GET' && upload?.body) {
      res.writeHead(200, { 'content-type': upload.contentType }).end(upload.body);
      return;
    }
    if (!upload || req.method !== 'PUT')
      return send(res, 404, errorBody('NotFound', 'No such upload URL'));
    // S3 signs the declared content type into the URL: a different one is refused.
    if ((req.headers['content-type'] ?? '') !== upload.contentType) {
      return send(
        res,
        403,
        errorBody('SignatureDoesNotMatch', 'content-type differs from createFeedDocument'),
      );
    }
    upload.body = body.toString('utf8');
    res.writeHead(200).end();
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = req.method === 'POST' ? (await readBody(req)).toString('utf8') : '';
    const json = (): unknown => (body ? JSON.parse(body) : {});
    try {
      if (url.pathname === '/_sim/faults' && req.method === 'POST') {
        const input = json() as { rules?: unknown };
        const rules = z.array(faultRuleSchema).parse(input.rules ?? [input]);
        return send(res, 201, { ids: rules.map((r) => faults.add(r)) });
      }
      if (url.pathname === '/_sim/faults' && req.method === 'DELETE') {
        faults.clear();
        return send(res, 204, null);
      }
      if (url.pathname === '/_sim/faults')
        return send(res, 200, { rules: faults.list(), fired: faults.fired });
      if (url.pathname === '/_sim/ledger') {
        settleDueFeeds();
        return send(res, 200, { entries: state.ledger.all() });
      }
      if (url.pathname === '/_sim/orders' && req.method === 'POST') {
        const input = z
          .object({
            marketplace: z.enum(MARKETPLACE_CODES as [string, ...string[]]).optional(),
            fulfillment: z.enum(['AFN', 'MFN']).optional(),
            status: z.enum(['Unshipped', 'Shipped', 'Delivered']).optional(),
            singleLineMaxMinor: z.number().int().positive().optional(),
            overrides: z.record(z.string(), z.unknown()).optional(),
          })
          .parse(json());
        const order = createOrder(input as Parameters<typeof createOrder>[0]);
        return send(res, 201, { order: orderJson(order), lines: order.demo.lines });
      }
      if (url.pathname === '/_sim/clock')
        return send(res, 200, { now: clock.iso(), timeScale: clock.timeScale });
      if (url.pathname === '/_sim/validations') return send(res, 200, { validations });
    } catch (error) {
      return send(
        res,
        400,
        errorBody('InvalidInput', error instanceof Error ? error.message : String(error)),
      );
    }
    send(res, 404, errorBody('NotFound', `no simulator control at ${url.pathname}`));
  }

  async function handleSpApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const raw = await readBody(req);
    let body: unknown = undefined;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return send(res, 400, errorBody('InvalidInput', 'The request body is not JSON.'));
      }
    }
    const method = req.method ?? 'GET';
    const matched = validator.match(method, url.pathname);
    const operation = matched?.compiled.op.name ?? null;
    const record: ValidationRecord = {
      operation,
      method,
      path: url.pathname,
      requestErrors: [],
      responseErrors: [],
      status: 0,
    };
    const reply = (status: number, payload: unknown) => {
      record.status = status;
      if (operation) {
        record.responseErrors = validator.validateResponse(operation, status, payload);
        res.setHeader('x-amzn-RateLimit-Limit', String(buckets.get(operation)?.usagePlan.rate));
      }
      validations.push(record);
      send(res, status, payload);
    };
    if (!operation)
      return reply(404, errorBody('NotFound', `Resource ${url.pathname} is not found.`));

    const token = req.headers['x-amz-access-token'];
    const expiry = typeof token === 'string' ? tokens.get(token) : undefined;
    if (expiry === undefined)
      return reply(
        403,
        errorBody(
          'Unauthorized',
          'Access to requested resource is denied.',
          'The access token is missing or invalid.',
        ),
      );
    const fault = faults.take('request', operation);
    if (fault?.kind === 'expired-token' || clock.now() >= expiry) {
      if (typeof token === 'string') tokens.delete(token);
      return reply(
        401,
        errorBody('Unauthorized', 'The access token you provided has expired.', ''),
      );
    }
    if (fault?.kind === 'hang') {
      validations.push({ ...record, status: -1 });
      return hang(res, fault.hangMs);
    }
    if (fault?.kind === 'throttle')
      return reply(
        429,
        errorBody('QuotaExceeded', 'You exceeded your quota for the requested resource.'),
      );
    if (fault?.kind === 'server-error')
      return reply(
        500,
        errorBody('InternalFailure', 'We encountered an internal error. Please try again.'),
      );
    if (fault?.kind === 'unavailable')
      return reply(
        503,
        errorBody('ServiceUnavailable', 'Service temporarily unavailable. Please try again.'),
      );
    if (options.rateLimits !== false && !buckets.get(operation)?.tryTake()) {
      throttled.push({ operation, atMs: Date.now() });
      return reply(
        429,
        errorBody('QuotaExceeded', 'You exceeded your quota for the requested resource.'),
      );
    }
    served[operation] = (served[operation] ?? 0) + 1;

    const validation = validator.validateRequest({
      method,
      pathname: url.pathname,
      query: url.searchParams,
      body,
    });
    if (mode === 'sandbox') {
      const params: Record<string, unknown> = validation.ok
        ? { ...validation.path, ...validation.query, ...(body === undefined ? {} : { body }) }
        : {
            ...matched?.path,
            ...Object.fromEntries(url.searchParams),
            ...(body === undefined ? {} : { body }),
          };
      const example = matchSandboxExample(operation, params);
      if (!validation.ok) record.requestErrors = validation.errors;
      if (example) return reply(example.status, example.body);
      return reply(
        400,
        errorBody(
          'InvalidInput',
          'Could not match input arguments with any static sandbox example.',
        ),
      );
    }
    if (!validation.ok) {
      record.requestErrors = validation.errors;
      return reply(
        400,
        errorBody(
          'InvalidInput',
          'Request has missing or invalid parameters and cannot be parsed.',
          validation.errors.join('; '),
        ),
      );
    }
    const result = handlers[operation]({
      path: validation.path,
      query: validation.query,
      body: validation.body,
      baseUrl,
    });
    // Done on "Amazon's" side; the caller never learns it (the case DESIGN.md §7 is about).
    if (fault?.kind === 'applied-then-hang') {
      validations.push({ ...record, status: -1 });
      return hang(res, fault.hangMs);
    }
    if (fault?.kind === 'applied-then-error')
      return reply(
        500,
        errorBody('InternalFailure', 'We encountered an internal error. Please try again.'),
      );
    reply(result.status, result.body);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const route = async () => {
      if (url.pathname === '/auth/o2/token' && req.method === 'POST') return handleLwa(req, res);
      if (url.pathname.startsWith('/_sim/documents/'))
        return handleDocument(res, decodeURIComponent(url.pathname.slice(16)));
      if (url.pathname.startsWith('/_sim/uploads/'))
        return handleUpload(req, res, decodeURIComponent(url.pathname.slice(14)));
      if (url.pathname.startsWith('/_sim/')) return handleControl(req, res, url);
      return handleSpApi(req, res, url);
    };
    route().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, errorBody('InternalFailure', String(error)));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const address = server.address() as AddressInfo;
  baseUrl = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

  return {
    url: baseUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    ledger: {
      all: () => {
        settleDueFeeds();
        return state.ledger.all();
      },
    },
    faults,
    validations,
    served,
    throttled,
    clock,
    state,
  };
}
