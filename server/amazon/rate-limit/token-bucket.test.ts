import { describe, expect, it } from 'vitest';
import { fullJitterDelayMs, DEFAULT_BACKOFF } from './backoff';
import { FakeClock } from './fake-clock';
import { RateLimitRegistry } from './registry';
import { TokenBucket, parseRateLimitHeader } from './token-bucket';

/** Largest excess of grants over `burst + rate·t` across every window between two grants. */
function worstExcess(grants: number[], rate: number, burst: number): number {
  let worst = -Infinity;
  for (let i = 0; i < grants.length; i++) {
    for (let j = i; j < grants.length; j++) {
      const spanSeconds = ((grants[j] as number) - (grants[i] as number)) / 1000;
      worst = Math.max(worst, j - i + 1 - (burst + rate * spanSeconds));
    }
  }
  return worst;
}

async function runCallers(
  clock: FakeClock,
  bucket: TokenBucket,
  callers: number,
  each: number,
): Promise<number[]> {
  const grants: number[] = [];
  const work = Array.from({ length: callers }, async () => {
    for (let k = 0; k < each; k++) {
      await bucket.take();
      grants.push(clock.now());
    }
  });
  const done = Promise.all(work);
  await clock.runUntilIdle();
  await done;
  return grants.sort((a, b) => a - b);
}

describe('TokenBucket', () => {
  it('lets the burst go at once, then one request per 1/rate seconds', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const bucket = new TokenBucket({ rate: 0.5, burst: 3 }, clock);
    const grants = await runCallers(clock, bucket, 1, 5);
    expect(grants.map((t) => t - start)).toEqual([0, 0, 0, 2000, 4000]);
  });

  it('never exceeds burst + rate·t under many concurrent callers', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ rate: 2, burst: 15 }, clock);
    const grants = await runCallers(clock, bucket, 12, 10);
    expect(grants).toHaveLength(120);
    expect(worstExcess(grants, 2, 15)).toBeLessThanOrEqual(1e-9);
    // …and it is not needlessly slow: 105 requests beyond the burst at 2/s take 52.5 s.
    expect((grants.at(-1) as number) - (grants[0] as number)).toBeLessThanOrEqual(52_500);
  });

  it('adapts to the rate in x-amzn-RateLimit-Limit', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const bucket = new TokenBucket({ rate: 1, burst: 1 }, clock);
    await bucket.take();
    bucket.adaptRate(parseRateLimitHeader('0.25') as number);
    const next = bucket.take();
    await clock.runUntilIdle();
    await next;
    expect(clock.now() - start).toBe(4000);
    expect(bucket.usagePlan).toEqual({ rate: 0.25, burst: 1 });
  });

  it('ignores unusable headers', () => {
    expect(parseRateLimitHeader(undefined)).toBeNull();
    expect(parseRateLimitHeader('abc')).toBeNull();
    expect(parseRateLimitHeader('0')).toBeNull();
    expect(parseRateLimitHeader('2.0:15')).toBe(2);
  });

  it('drains after a 429 so the next request waits a full interval', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const bucket = new TokenBucket({ rate: 0.5, burst: 10 }, clock);
    bucket.drain();
    const next = bucket.take();
    await clock.runUntilIdle();
    await next;
    expect(clock.now() - start).toBe(2000);
  });

  it('gives an aborted reservation back', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ rate: 1, burst: 1 }, clock);
    await bucket.take();
    const controller = new AbortController();
    const waiting = bucket.take(controller.signal);
    controller.abort(new Error('caller gave up'));
    await expect(waiting).rejects.toThrow('caller gave up');
    expect(bucket.available).toBe(0);
  });
});

describe('RateLimitRegistry', () => {
  it('shares one bucket per seller and operation, seeded from the published plan', () => {
    const registry = new RateLimitRegistry({ clock: new FakeClock() });
    const a = registry.bucket('SELLER1', 'createFeed');
    expect(registry.bucket('SELLER1', 'createFeed')).toBe(a);
    expect(registry.bucket('SELLER2', 'createFeed')).not.toBe(a);
    expect(registry.bucket('SELLER1', 'getFeed')).not.toBe(a);
    expect(a.usagePlan).toEqual({ rate: 0.0083, burst: 15 });
  });
});

describe('full-jitter backoff', () => {
  it('draws from [0, min(cap, base·2^n)]', () => {
    const at = (random: number, retry: number) =>
      fullJitterDelayMs(retry, {
        ...DEFAULT_BACKOFF,
        baseMs: 1000,
        capMs: 8000,
        random: () => random,
      });
    expect(at(0, 3)).toBe(0);
    expect(at(0.5, 0)).toBe(500);
    expect(at(0.5, 2)).toBe(2000);
    expect(at(0.999, 10)).toBe(7992);
  });
});
