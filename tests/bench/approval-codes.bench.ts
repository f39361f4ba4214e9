import { createHmac, randomBytes } from 'node:crypto';
import {
  approvalQuestion,
  approvalResponse,
  checkPartA,
  deriveStoreKey,
  makeChallenge,
  splitResponse,
} from '../../shared/domain/approvals/offline-code';
import {
  LOCKOUT_MS,
  MAX_ATTEMPTS_PER_CHALLENGE,
  MAX_FAILURES_PER_WINDOW,
  mayAttempt,
} from '../../shared/domain/approvals/attempt-guard';
import { median, percentile } from './stats';

const RUNS = 5000;

function timeMicros(fn: () => unknown): number[] {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return samples;
}

function line(name: string, ours: number[], baseline: number[]): void {
  console.log(
    `${name.padEnd(34)} median ${median(ours).toFixed(1).padStart(7)} µs  p99 ${percentile(ours, 99).toFixed(1).padStart(7)} µs` +
      `   | raw HMAC-SHA256 (node:crypto): median ${median(baseline).toFixed(1)} µs` +
      `   | ratio median ${(median(ours) / median(baseline)).toFixed(1)}×`,
  );
}

/**
 * Offline approval codes (issue: regional managers approve offline): what computing and
 * verifying a code costs, against one raw HMAC-SHA256 of the same question from node:crypto in
 * the same run; and how many guesses the store's guard lets through before it locks.
 */
export function benchApprovalCodes(): void {
  const managerKey = randomBytes(32);
  const storeId = '0190a000-0000-7000-8000-000000000001';
  const storeKey = deriveStoreKey(managerKey, storeId);
  const challenge = makeChallenge({ requestDigest: 'a'.repeat(64), storeId }, '424242');
  const terms = { challenge, amountMinor: 30000, currency: 'USD' as const };
  const parts = splitResponse(approvalResponse(managerKey, storeId, terms))!;
  const question = approvalQuestion(terms);

  // Warm up the JIT for all three.
  for (let i = 0; i < 500; i++) {
    approvalResponse(managerKey, storeId, terms);
    checkPartA(storeKey, terms, parts);
    createHmac('sha256', managerKey).update(question).digest();
  }
  const baseline = timeMicros(() => createHmac('sha256', managerKey).update(question).digest());
  line(
    'compute a code (manager, A+B)',
    timeMicros(() => approvalResponse(managerKey, storeId, terms)),
    baseline,
  );
  line(
    'verify part A + check (store)',
    timeMicros(() => checkPartA(storeKey, terms, parts)),
    baseline,
  );

  // A guessing attack at the store: wrong codes as fast as the guard allows, fresh challenges
  // whenever one is burnt, until the store locks.
  const now = Date.UTC(2026, 10, 22, 10);
  const failures: number[] = [];
  let challengeFailures = 0;
  let tried = 0;
  for (;;) {
    const verdict = mayAttempt({
      challengeFailures,
      storeFailureTimes: failures,
      now: now + tried,
    });
    if (!verdict.allowed && verdict.reason === 'challenge_burnt') {
      challengeFailures = 0;
      continue;
    }
    if (!verdict.allowed) break;
    tried += 1;
    challengeFailures += 1;
    failures.push(now + tried);
  }
  console.log(
    `guessing at the store: locked after ${tried} wrong codes (limit ${MAX_FAILURES_PER_WINDOW}/h; ` +
      `${MAX_ATTEMPTS_PER_CHALLENGE} per challenge), lockout ${LOCKOUT_MS / 60_000} min; ` +
      `chance to hit a 6-digit part A before the lock: 1 in ${Math.round(1e6 / tried).toLocaleString('en')}`,
  );
}
