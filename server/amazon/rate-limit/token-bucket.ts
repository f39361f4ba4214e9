import { type UsagePlan } from '../models';
import { type Clock } from './clock';

/**
 * Amazon's token bucket, mirrored on our side so we wait instead of being throttled.
 *
 * Callers reserve a token and then wait for it: the count may go below zero, and a negative
 * count is a queue of reservations that each wait until their token has been restored. That
 * keeps concurrent callers in arrival order and never lets more than `burst + rate × t`
 * requests out in any span of `t` seconds.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private plan: UsagePlan;

  constructor(
    plan: UsagePlan,
    private readonly clock: Clock,
  ) {
    if (!(plan.rate > 0) || !(plan.burst >= 1)) {
      throw new RangeError(`bad usage plan: rate ${plan.rate}, burst ${plan.burst}`);
    }
    this.plan = { ...plan };
    this.tokens = plan.burst;
    this.updatedAt = clock.now();
  }

  get usagePlan(): UsagePlan {
    return { ...this.plan };
  }

  /** Tokens in hand now (negative: reservations waiting). */
  get available(): number {
    this.refill();
    return this.tokens;
  }

  /** Resolves when one request may be sent. */
  async take(signal?: AbortSignal): Promise<void> {
    this.refill();
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    const waitMs = Math.ceil((-this.tokens / this.plan.rate) * 1000);
    try {
      await this.clock.sleep(waitMs, signal);
    } catch (error) {
      // An aborted caller gives its reservation back so it does not delay the others.
      this.tokens += 1;
      throw error;
    }
  }

  /** Takes a token only if one is in hand now (the server side: Amazon answers 429 otherwise). */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /**
   * Follows the rate Amazon says applies (`x-amzn-RateLimit-Limit`); the header carries no
   * burst, so the burst stays as published.
   */
  adaptRate(rate: number): void {
    if (!Number.isFinite(rate) || rate <= 0 || rate === this.plan.rate) return;
    this.refill();
    this.plan.rate = rate;
  }

  /** After a 429 Amazon's bucket is empty whatever ours says: start again from zero. */
  drain(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.plan.burst, this.tokens + elapsedSeconds * this.plan.rate);
    this.updatedAt = now;
  }
}

/** Parses `x-amzn-RateLimit-Limit` ("0.0056" or, rarely, "0.0056:20"); null when unusable. */
export function parseRateLimitHeader(value: string | null | undefined): number | null {
  if (!value) return null;
  const rate = Number(value.split(':')[0]?.trim());
  return Number.isFinite(rate) && rate > 0 ? rate : null;
}
