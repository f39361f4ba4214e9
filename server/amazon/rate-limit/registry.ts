import { type SpApiOperation, type UsagePlan } from '../models';
import { type Clock, systemClock } from './clock';
import { PUBLISHED_USAGE_PLANS } from './published-limits';
import { TokenBucket } from './token-bucket';

/**
 * One bucket per seller account and operation. Amazon meters each selling partner (and
 * application) as a whole, so every job of the back office that talks for the same seller —
 * order sync, report polling, the refund executor — must draw from the same bucket: create one
 * registry per process and hand it to every client.
 */
export class RateLimitRegistry {
  private readonly buckets = new Map<string, TokenBucket>();
  readonly clock: Clock;
  private readonly plans: Record<SpApiOperation, UsagePlan>;

  constructor(options: { clock?: Clock; plans?: Partial<Record<SpApiOperation, UsagePlan>> } = {}) {
    this.clock = options.clock ?? systemClock;
    this.plans = { ...PUBLISHED_USAGE_PLANS, ...options.plans };
  }

  bucket(sellerId: string, operation: SpApiOperation): TokenBucket {
    const key = `${sellerId}\u0000${operation}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.plans[operation], this.clock);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}
