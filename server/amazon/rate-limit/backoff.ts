/**
 * Exponential backoff with full jitter (delay drawn uniformly from [0, min(cap, base·2^n)]):
 * clients throttled together spread out instead of retrying in lockstep.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Uniform in [0, 1); injectable so tests are exact. */
  random: () => number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 1_000,
  capMs: 60_000,
  maxAttempts: 6,
  random: Math.random,
};

/** Delay before retry number `retry` (0 for the first retry). */
export function fullJitterDelayMs(retry: number, policy: BackoffPolicy): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
  return Math.floor(policy.random() * ceiling);
}
