import { type Clock } from '../rate-limit/clock';

/**
 * The simulator's time: it starts at `referenceTime` and runs `timeScale` times faster than the
 * wall clock, so rate limits, report processing and token expiry can be exercised quickly.
 */
export class SimClock implements Clock {
  private readonly startedAtReal = Date.now();

  constructor(
    private readonly referenceMs: number,
    readonly timeScale: number,
  ) {
    if (!(timeScale > 0)) throw new RangeError(`timeScale must be > 0, got ${timeScale}`);
  }

  now(): number {
    return Math.floor(this.referenceMs + (Date.now() - this.startedAtReal) * this.timeScale);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms / this.timeScale));
  }

  iso(ms = this.now()): string {
    return new Date(ms).toISOString();
  }
}
