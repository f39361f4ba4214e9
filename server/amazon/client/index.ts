import { LWA_TOKEN_URL, spApiEndpoint, type SpApiRegion } from '../marketplaces';
import { RateLimitRegistry } from '../rate-limit/registry';
import { type BackoffPolicy } from '../rate-limit/backoff';
import { FeedsApi } from './feeds';
import { FinancesApi } from './finances';
import { SpApiTransport, type SpApiLogger } from './http';
import { LwaTokenProvider, type AccessTokenSource, type LwaCredentials } from './lwa';
import { OrdersApi } from './orders';
import { ReportsApi } from './reports';

export * from './errors';
export * from './schemas';
export { SpApiTransport, type SpApiLogger, type SpApiLogEntry } from './http';
export { LwaTokenProvider, type AccessTokenSource, type LwaCredentials } from './lwa';
export { OrdersApi, type SearchOrdersQuery } from './orders';
export { ReportsApi, type CreateReportInput } from './reports';
export { FeedsApi } from './feeds';
export { FinancesApi, refundedLinesOf, type RefundedLine } from './finances';
export { parseFlatFileReport, type FlatFileReport } from './documents';
export * from './report-types';
export * from './order-adjustment-feed';
export * from './processing-report';
export { decimalToMinor, minorToDecimal } from './amounts';

export interface SpApiClient {
  orders: OrdersApi;
  reports: ReportsApi;
  feeds: FeedsApi;
  finances: FinancesApi;
  transport: SpApiTransport;
  tokens: AccessTokenSource;
}

export interface SpApiClientOptions {
  endpoint: string;
  sellerId: string;
  lwa: LwaCredentials;
  /** Share one registry between every client of the same process (DESIGN.md §6). */
  rateLimits?: RateLimitRegistry;
  backoff?: Partial<BackoffPolicy>;
  timeoutMs?: number;
  logger?: SpApiLogger;
  fetch?: typeof fetch;
}

export function createSpApiClient(options: SpApiClientOptions): SpApiClient {
  const rateLimits = options.rateLimits ?? new RateLimitRegistry();
  const tokens = new LwaTokenProvider(options.lwa, {
    clock: rateLimits.clock,
    fetch: options.fetch,
    backoff: options.backoff,
  });
  const transport = new SpApiTransport({
    endpoint: options.endpoint,
    sellerId: options.sellerId,
    tokens,
    rateLimits,
    backoff: options.backoff,
    timeoutMs: options.timeoutMs,
    logger: options.logger,
    fetch: options.fetch,
  });
  const fetchImpl = options.fetch ?? fetch;
  return {
    orders: new OrdersApi(transport),
    reports: new ReportsApi(transport, fetchImpl),
    feeds: new FeedsApi(transport, fetchImpl),
    finances: new FinancesApi(transport),
    transport,
    tokens,
  };
}

/** Where the back office's Amazon connection points, from the environment (README). */
export type AmazonConnection =
  | {
      kind: 'amazon';
      region: SpApiRegion;
      sandbox: boolean;
      endpoint: string;
      lwa: LwaCredentials;
    }
  | { kind: 'simulator' };

const ENV = {
  clientId: 'RETURNDESK_LWA_CLIENT_ID',
  clientSecret: 'RETURNDESK_LWA_CLIENT_SECRET',
  refreshToken: 'RETURNDESK_LWA_REFRESH_TOKEN',
  region: 'RETURNDESK_SPAPI_REGION',
  sandbox: 'RETURNDESK_SPAPI_SANDBOX',
} as const;

/**
 * None of the LWA variables set → the simulator. All three set → Amazon (live, or the static
 * sandbox with RETURNDESK_SPAPI_SANDBOX=1). Anything in between is a configuration error, never
 * a silent fallback to the simulator.
 */
export function amazonConnectionFromEnv(env: Record<string, string | undefined>): AmazonConnection {
  const credentials = [env[ENV.clientId], env[ENV.clientSecret], env[ENV.refreshToken]];
  const set = credentials.filter((v) => v !== undefined && v !== '');
  if (set.length === 0) return { kind: 'simulator' };
  if (set.length !== 3) {
    throw new Error(
      `set all of ${ENV.clientId}, ${ENV.clientSecret}, ${ENV.refreshToken}, or none`,
    );
  }
  const region = (env[ENV.region] ?? 'na').toLowerCase();
  if (region !== 'na' && region !== 'eu' && region !== 'fe') {
    throw new Error(`${ENV.region} must be na, eu or fe, got ${env[ENV.region]}`);
  }
  const sandbox = env[ENV.sandbox] === '1' || env[ENV.sandbox] === 'true';
  return {
    kind: 'amazon',
    region,
    sandbox,
    endpoint: spApiEndpoint(region, { sandbox }),
    lwa: {
      clientId: credentials[0] as string,
      clientSecret: credentials[1] as string,
      refreshToken: credentials[2] as string,
      tokenUrl: LWA_TOKEN_URL,
    },
  };
}
