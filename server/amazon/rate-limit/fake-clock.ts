import { type Clock } from './clock';

interface Sleeper {
  wakeAt: number;
  seq: number;
  resolve: () => void;
}

/**
 * Virtual time for tests: `sleep` parks the caller until `advance`/`runUntilIdle` moves time
 * past its wake-up point, so an hour of rate limiting runs in milliseconds and every timestamp
 * a test asserts on is exact.
 */
export class FakeClock implements Clock {
  private current: number;
  private sleepers: Sleeper[] = [];
  private seq = 0;

  constructor(start = Date.UTC(2026, 10, 21, 9, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise<void>((resolve, reject) => {
      const sleeper = { wakeAt: this.current + Math.max(0, ms), seq: this.seq++, resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          reject(signal.reason as Error);
        },
        { once: true },
      );
    });
  }

  get pendingSleepers(): number {
    return this.sleepers.length;
  }

  /** Moves time forward by `ms`, waking sleepers in wake-up order (letting each one run). */
  async advance(ms: number): Promise<void> {
    const until = this.current + ms;
    await settle();
    for (;;) {
      const next = this.nextSleeper();
      if (!next || next.wakeAt > until) break;
      this.wake(next);
      await settle();
    }
    this.current = until;
  }

  /** Runs until no one sleeps any more (or `maxMs` of virtual time has passed). */
  async runUntilIdle(maxMs = 24 * 3600_000): Promise<void> {
    const limit = this.current + maxMs;
    await settle();
    for (;;) {
      const next = this.nextSleeper();
      if (!next) return;
      if (next.wakeAt > limit) throw new Error('FakeClock: sleepers still waiting at maxMs');
      this.wake(next);
      await settle();
    }
  }

  private nextSleeper(): Sleeper | undefined {
    return this.sleepers.reduce<Sleeper | undefined>(
      (best, s) =>
        !best || s.wakeAt < best.wakeAt || (s.wakeAt === best.wakeAt && s.seq < best.seq)
          ? s
          : best,
      undefined,
    );
  }

  private wake(sleeper: Sleeper): void {
    this.sleepers = this.sleepers.filter((s) => s !== sleeper);
    this.current = Math.max(this.current, sleeper.wakeAt);
    sleeper.resolve();
  }
}

/** Lets every promise chain that is ready run (a few macrotask turns). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
