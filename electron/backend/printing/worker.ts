import type { Db } from '../../../db/client';
import {
  movePrintJob,
  printJobMeta,
  printJobPayload,
  printJobsInStatus,
  type PrintJobMeta,
} from '../../../db/repositories/print-jobs';
import { deliver } from './deliver';
import { asPrintError, type PrintError } from './errors';
import { parseTarget, printerKey } from './job-view';
import type { PlatformPrinting } from './platform';

export interface PrintQueueOptions {
  /** Waits before each automatic retry (the last one repeats). Short in tests. */
  retryDelaysMs?: readonly number[];
  /** Attempts after which a job no longer retries on its own and waits for a person. */
  maxAttempts?: number;
  /** One deadline for a network printer's name lookup, connection and write. */
  networkTimeoutMs?: number;
  /** How long the OS may take to accept a PDF. */
  systemTimeoutMs?: number;
}

/** About half an hour of retries: a printer switched back on by then prints on its own. */
export const DEFAULT_PRINT_QUEUE: Required<PrintQueueOptions> = {
  retryDelaysMs: [5_000, 15_000, 60_000, 300_000],
  maxAttempts: 10,
  networkTimeoutMs: 5_000,
  systemTimeoutMs: 60_000,
};

export interface PrintWorkerHost {
  readonly db: Db;
  now(): number;
  log(line: Record<string, unknown>): void;
  /** A job's status, attempts or retry time changed. */
  jobChanged(jobId: string): void;
}

interface Sending {
  jobId: string;
  controller: AbortController;
  /** Set once bytes may have reached the printer. */
  maybeDelivered: boolean;
}

/**
 * Sends queued print jobs in the background, one at a time per printer, in queue order.
 *
 * Exactly once: a job is claimed (queued → sending) by a compare-and-set UPDATE, so no two
 * sends of it can start, and marked printed by another as soon as the printer has taken the
 * bytes. Only a failure that proves nothing reached the printer (it could not be found or
 * connected to) is retried on its own, with backoff; anything that may have printed part of a
 * label waits for a person (`printers.retry` or `printers.cancel`). The one window where a job
 * may print twice: the process dies after the printer took the bytes and before the UPDATE
 * commits. The job is then left `sending`; at the next start it is marked failed with
 * PRINT_INTERRUPTED and is not resent unless a person who checked the printer retries it.
 */
export class PrintWorker {
  private running = false;
  private pumpScheduled = false;
  /** By printer: the job being sent to it. */
  private readonly sending = new Map<string, Sending>();
  /** By job: its automatic retry, with when it is due (backend clock, for the UI). */
  private readonly retries = new Map<string, { timer: NodeJS.Timeout; at: number }>();
  private readonly options: Required<PrintQueueOptions>;

  constructor(
    private readonly host: PrintWorkerHost,
    private readonly platform: PlatformPrinting | null,
    options: PrintQueueOptions = {},
  ) {
    this.options = { ...DEFAULT_PRINT_QUEUE, ...options };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.recover();
    this.wake();
  }

  /**
   * Stops at once (backend.close() is synchronous): no timer is left to keep the process
   * alive, sends in flight are aborted, and their jobs recorded as well as they can be known.
   */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    for (const { timer } of this.retries.values()) clearTimeout(timer);
    this.retries.clear();
    const at = this.nowIso();
    for (const entry of this.sending.values()) {
      entry.controller.abort();
      try {
        if (entry.maybeDelivered) this.markInterrupted(entry.jobId, at);
        else
          movePrintJob(this.host.db, entry.jobId, ['sending'], { status: 'queued', updatedAt: at });
      } catch (error) {
        // Left `sending`: the next start records it as interrupted.
        this.host.log({ level: 'error', msg: 'print job not recorded', error: String(error) });
      }
    }
    this.sending.clear();
  }

  /** Look at the queue soon (after a job is queued or retried). */
  wake(): void {
    if (!this.running || this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  nextAttemptAt(jobId: string): string | null {
    const retry = this.retries.get(jobId);
    return retry ? new Date(retry.at).toISOString() : null;
  }

  /** A person retried or cancelled the job: its automatic retry is off. */
  forgetRetry(jobId: string): void {
    const retry = this.retries.get(jobId);
    if (retry) clearTimeout(retry.timer);
    this.retries.delete(jobId);
  }

  /** What a crash or a stop left behind. */
  private recover(): void {
    const at = this.nowIso();
    for (const job of printJobsInStatus(this.host.db, 'sending')) this.markInterrupted(job.id, at);
    for (const job of printJobsInStatus(this.host.db, 'failed')) {
      if (this.retriesOnItsOwn(job, job.lastErrorCode === 'PRINTER_UNREACHABLE'))
        movePrintJob(this.host.db, job.id, ['failed'], { status: 'queued', updatedAt: at });
    }
  }

  private markInterrupted(jobId: string, at: string): void {
    movePrintJob(this.host.db, jobId, ['sending'], {
      status: 'failed',
      lastErrorCode: 'PRINT_INTERRUPTED',
      lastErrorMessage:
        'The app stopped while this job was being sent; it may have printed. Check the printer, then retry or cancel it.',
      updatedAt: at,
    });
  }

  private pump(): void {
    if (!this.running) return;
    let queued: PrintJobMeta[];
    try {
      queued = printJobsInStatus(this.host.db, 'queued');
    } catch (error) {
      this.host.log({ level: 'error', msg: 'print queue unreadable', error: String(error) });
      return;
    }
    for (const job of queued) {
      try {
        const key = printerKey(parseTarget(job.target));
        if (!this.sending.has(key)) this.send(job, key);
      } catch (error) {
        // One bad job (a target this app cannot read) must not hold up the others.
        this.host.log({
          level: 'error',
          msg: 'print job not sent',
          jobId: job.id,
          error: String(error),
        });
      }
    }
  }

  private send(job: PrintJobMeta, key: string): void {
    const { db } = this.host;
    const claimed = movePrintJob(db, job.id, ['queued'], {
      status: 'sending',
      attempts: job.attempts + 1,
      updatedAt: this.nowIso(),
    });
    if (!claimed) return;
    const entry: Sending = {
      jobId: job.id,
      controller: new AbortController(),
      maybeDelivered: false,
    };
    this.sending.set(key, entry);
    this.notify(job.id);
    const payload = printJobPayload(db, job.id) ?? { zpl: null, pdf: null };
    deliver({
      target: parseTarget(job.target),
      payload,
      platform: this.platform,
      networkTimeoutMs: this.options.networkTimeoutMs,
      systemTimeoutMs: this.options.systemTimeoutMs,
      signal: entry.controller.signal,
      onMaybeDelivered: () => {
        entry.maybeDelivered = true;
      },
    }).then(
      () => this.finish(key, entry, null),
      (error: unknown) => this.finish(key, entry, asPrintError(error)),
    );
  }

  private finish(key: string, entry: Sending, error: PrintError | null): void {
    // Stopped (and the job recorded by stop()) while it was in flight.
    if (this.sending.get(key) !== entry) return;
    this.sending.delete(key);
    const { db } = this.host;
    const at = this.nowIso();
    try {
      if (!error) {
        movePrintJob(db, entry.jobId, ['sending'], {
          status: 'printed',
          printedAt: at,
          updatedAt: at,
          lastErrorCode: null,
          lastErrorMessage: null,
        });
        this.host.log({ level: 'info', msg: 'print job printed', jobId: entry.jobId });
      } else {
        movePrintJob(db, entry.jobId, ['sending'], {
          status: 'failed',
          lastErrorCode: error.code,
          lastErrorMessage: error.message,
          updatedAt: at,
        });
        const job = printJobMeta(db, entry.jobId);
        const retry = job !== undefined && this.retriesOnItsOwn(job, error.retryable);
        this.host.log({
          level: 'warn',
          msg: 'print job failed',
          jobId: entry.jobId,
          code: error.code,
          error: error.message,
          retry,
        });
        if (retry) this.scheduleRetry(entry.jobId, this.delayAfter(job.attempts));
      }
      this.notify(entry.jobId);
    } catch (failure) {
      this.host.log({ level: 'error', msg: 'print job not recorded', error: String(failure) });
    }
    this.wake();
  }

  private retriesOnItsOwn(job: PrintJobMeta, retryable: boolean): boolean {
    return retryable && job.attempts < this.options.maxAttempts;
  }

  private delayAfter(attempts: number): number {
    const delays = this.options.retryDelaysMs;
    return delays[Math.min(Math.max(attempts, 1), delays.length) - 1] ?? 0;
  }

  private scheduleRetry(jobId: string, delayMs: number): void {
    this.forgetRetry(jobId);
    const timer = setTimeout(() => {
      this.retries.delete(jobId);
      if (!this.running) return;
      try {
        if (
          movePrintJob(this.host.db, jobId, ['failed'], {
            status: 'queued',
            updatedAt: this.nowIso(),
          })
        )
          this.notify(jobId);
      } catch (error) {
        this.host.log({ level: 'error', msg: 'print retry failed', jobId, error: String(error) });
      }
      this.wake();
    }, delayMs);
    // A pending retry must not keep the process alive.
    timer.unref();
    this.retries.set(jobId, { timer, at: this.host.now() + delayMs });
  }

  /** Telling the UI must never stop a job from being sent or recorded. */
  private notify(jobId: string): void {
    try {
      this.host.jobChanged(jobId);
    } catch (error) {
      this.host.log({ level: 'error', msg: 'print job event failed', jobId, error: String(error) });
    }
  }

  private nowIso(): string {
    return new Date(this.host.now()).toISOString();
  }
}
