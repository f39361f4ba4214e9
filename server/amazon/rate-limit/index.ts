export { type Clock, systemClock } from './clock';
export { FakeClock } from './fake-clock';
export { PUBLISHED_USAGE_PLANS } from './published-limits';
export { TokenBucket, parseRateLimitHeader } from './token-bucket';
export { RateLimitRegistry } from './registry';
export { type BackoffPolicy, DEFAULT_BACKOFF, fullJitterDelayMs } from './backoff';
