import { z } from 'zod';
import { type Clock, systemClock } from '../rate-limit/clock';
import { fullJitterDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from '../rate-limit/backoff';
import { LwaError } from './errors';

export interface LwaCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** `https://api.amazon.com/auth/o2/token`, or the simulator's. */
  tokenUrl: string;
}

/** What the SP-API client needs from whoever holds the credentials. */
export interface AccessTokenSource {
  getAccessToken(signal?: AbortSignal): Promise<string>;
  /** Amazon refused this token (expired or revoked): the next call must fetch a new one. */
  invalidate(token: string): void;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().optional(),
});
const tokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

export interface LwaOptions {
  clock?: Clock;
  fetch?: typeof fetch;
  /** Refresh this long before expiry, so no request leaves with a token about to lapse. */
  refreshMarginMs?: number;
  timeoutMs?: number;
  backoff?: Partial<BackoffPolicy>;
}

/**
 * Exchanges the seller's refresh token for access tokens (grant_type=refresh_token). Tokens last
 * an hour; we refresh five minutes early, and concurrent callers share one refresh in flight.
 */
export class LwaTokenProvider implements AccessTokenSource {
  private cached: { token: string; expiresAt: number } | null = null;
  private inFlight: Promise<string> | null = null;
  private readonly clock: Clock;
  private readonly fetchImpl: typeof fetch;
  private readonly refreshMarginMs: number;
  private readonly timeoutMs: number;
  private readonly backoff: BackoffPolicy;
  /** How many token requests LWA has answered successfully (observability and tests). */
  refreshCount = 0;

  constructor(
    private readonly credentials: LwaCredentials,
    options: LwaOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.fetchImpl = options.fetch ?? fetch;
    this.refreshMarginMs = options.refreshMarginMs ?? 5 * 60_000;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.backoff = { ...DEFAULT_BACKOFF, maxAttempts: 4, ...options.backoff };
  }

  async getAccessToken(): Promise<string> {
    if (this.cached && this.clock.now() < this.cached.expiresAt - this.refreshMarginMs) {
      return this.cached.token;
    }
    this.inFlight ??= this.refresh().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = null;
  }

  private async refresh(): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.requestToken();
      } catch (error) {
        const transient =
          error instanceof LwaError &&
          (error.status === null || error.status === 429 || error.status >= 500);
        if (!transient || attempt + 1 >= this.backoff.maxAttempts) throw error;
        await this.clock.sleep(fullJitterDelayMs(attempt, this.backoff));
      }
    }
  }

  private async requestToken(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: this.credentials.refreshToken,
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
    });
    const requestedAt = this.clock.now();
    let response: Response;
    try {
      response = await this.fetchImpl(this.credentials.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timeout = error instanceof Error && error.name === 'TimeoutError';
      throw new LwaError(null, timeout ? 'timeout' : 'network', String(error));
    }
    const text = await response.text().catch(() => '');
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON: reported below with the status.
    }
    if (!response.ok) {
      const parsed = tokenErrorSchema.safeParse(json);
      throw new LwaError(
        response.status,
        parsed.success ? parsed.data.error : `http_${response.status}`,
        parsed.success ? (parsed.data.error_description ?? '') : text.slice(0, 200),
      );
    }
    const parsed = tokenResponseSchema.safeParse(json);
    if (!parsed.success) {
      throw new LwaError(response.status, 'bad_response', parsed.error.message.slice(0, 200));
    }
    this.refreshCount++;
    // Expiry is counted from when we asked, not when the answer came: never too late.
    this.cached = {
      token: parsed.data.access_token,
      expiresAt: requestedAt + parsed.data.expires_in * 1000,
    };
    return parsed.data.access_token;
  }
}
