/**
 * Guessing at the store: part A is 6 digits, so the store must stop a person (or a script)
 * typing codes until one fits. Two limits, both kept in the store's database:
 * - a challenge is burnt after MAX_ATTEMPTS_PER_CHALLENGE wrong codes (a new challenge, with a
 *   new nonce, is needed);
 * - a store locks offline approval for LOCKOUT_MS after MAX_FAILURES_PER_WINDOW wrong codes
 *   within WINDOW_MS, whatever the challenges — so fresh challenges do not buy more guesses.
 * With these, one locked window gives a guesser at most 10 tries in 10^6 (1 in 100,000).
 */
export const MAX_ATTEMPTS_PER_CHALLENGE = 3;
export const MAX_FAILURES_PER_WINDOW = 10;
export const WINDOW_MS = 60 * 60 * 1000;
export const LOCKOUT_MS = 30 * 60 * 1000;

export type GuardVerdict =
  | { allowed: true }
  | { allowed: false; reason: 'challenge_burnt' }
  | { allowed: false; reason: 'store_locked'; until: number };

export interface GuardFacts {
  /** Wrong codes already typed for this challenge. */
  challengeFailures: number;
  /** When the store's wrong codes happened (ms), any challenge. */
  storeFailureTimes: readonly number[];
  now: number;
}

/** May another code be tried now? Checked before verifying, so a locked store learns nothing. */
export function mayAttempt(facts: GuardFacts): GuardVerdict {
  const recent = facts.storeFailureTimes
    .filter((t) => t > facts.now - WINDOW_MS)
    .sort((a, b) => a - b);
  if (recent.length >= MAX_FAILURES_PER_WINDOW) {
    // Locked from the latest failure: after a lockout, while the window still holds ten
    // failures, each further wrong code locks again at once.
    const until = recent[recent.length - 1]! + LOCKOUT_MS;
    if (facts.now < until) return { allowed: false, reason: 'store_locked', until };
  }
  if (facts.challengeFailures >= MAX_ATTEMPTS_PER_CHALLENGE)
    return { allowed: false, reason: 'challenge_burnt' };
  return { allowed: true };
}
