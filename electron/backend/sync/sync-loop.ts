import type { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../../db/client';
import { pendingMutationCount, rejectedMutationCount } from '../../../db/repositories/outbox';
import { readSyncState, updateSyncState } from '../../../db/repositories/sync-state';
import { AppError, type SyncStatus } from '../../../shared/contracts';
import {
  CredentialsFileError,
  type DeviceCredentials,
  type DeviceCredentialStore,
} from './credentials';
import { enrollDevice, type Enrollment } from './enroll';
import { pullAll, type PullOutcome } from './pull';
import { DEFAULT_PUSH_LIMITS, pushPending, type PushLimits } from './push';
import { createSyncClient, DEFAULT_REQUEST_TIMEOUT_MS, SyncHttpError } from './sync-client';

type Log = (line: Record<string, unknown>) => void;

export interface SyncLoopOptions {
  db: Db;
  /** This desktop's device id (the protocol's client id). */
  deviceId: string;
  credentials: DeviceCredentialStore;
  /** The back office this desktop is pointed at by configuration; enrolment may name another. */
  backOfficeUrl?: string | null;
  /**
   * Enrol with this code at start when not enrolled yet (a launcher's first start). A function
   * when the code comes later (a back office starting beside the desktop): null means not yet.
   */
  enrollmentCode?: string | null | (() => Promise<string | null>);
  fetch?: typeof fetch;
  /** Between rounds while all is well (default 5 s). */
  intervalMs?: number;
  /** After a local change, wait this long for more before syncing (default 250 ms). */
  debounceMs?: number;
  requestTimeoutMs?: number;
  /** The longest wait between attempts while the back office is unreachable (default 5 min). */
  maxBackoffMs?: number;
  /** Jitter source, in [0, 1). */
  random?: () => number;
  pushLimits?: PushLimits;
  pullLimit?: number;
  now: () => number;
  log: Log;
  /** The status may have changed (the backend tells every window when it did). */
  onStatus: () => void;
  /** A pull changed rows here. */
  onPulled: (outcome: PullOutcome) => void;
  /** Enrolment changed this device's row (its code or store) and sync settings. */
  onEnrolled: (enrollment: Enrollment) => void;
}

export const DEFAULT_SYNC_INTERVAL_MS = 5_000;
const DEFAULT_DEBOUNCE_MS = 250;
const DEFAULT_MAX_BACKOFF_MS = 5 * 60_000;

/** How a round ended, and so when the next one comes. */
type RoundResult = 'synced' | 'retry' | 'halted' | 'idle' | 'stopped';

/**
 * The background sync: push then pull every `intervalMs` and shortly after each local change,
 * backing off exponentially (with jitter) while the back office cannot be reached. It runs
 * beside the calls, never inside one: a handler only nudges it. Stops for good on
 * DEVICE_REVOKED (until enrolled again) and on `stop()` (the backend closing).
 */
export class SyncLoop {
  private credentials: DeviceCredentials | null = null;
  private connection: 'unknown' | 'online' | 'offline' = 'unknown';
  /** The back office does not accept this device's token: no more rounds until enrolment. */
  private halted = false;
  private failures = 0;
  private stopped = false;
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RoundResult> | null = null;
  private again = false;
  private nudgedWhileRunning = false;
  private readonly debounceMs: number;
  /** The configured enrolment code was refused: not tried again this run. */
  private autoEnrollRefused = false;
  private readonly intervalMs: number;
  private readonly random: () => number;
  /** Settles when the credentials have been read at start. */
  readonly ready: Promise<void>;

  constructor(private readonly options: SyncLoopOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.random = options.random ?? Math.random;
    this.ready = this.loadCredentials();
  }

  /** Reads the credentials, then syncs at once (or enrols, given a code). */
  start(): void {
    this.ready.then(
      () => {
        if (!this.stopped) void this.run();
      },
      (error: unknown) =>
        this.options.log({ level: 'error', msg: 'sync could not start', error: String(error) }),
    );
  }

  /** For good: no more rounds, requests in flight aborted, nothing written after this. */
  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.controller.abort(new Error('sync stopped'));
  }

  /** A local change was recorded: sync soon, unless waiting out a failure. */
  nudge(): void {
    if (this.stopped || this.halted || !this.credentials || this.failures > 0) return;
    // A change made while a round runs missed its push: the round ends by scheduling another.
    if (this.running) this.nudgedWhileRunning = true;
    else this.schedule(this.debounceMs);
  }

  /** A round now, whatever the backoff says; answers the status after it. */
  async syncNow(): Promise<SyncStatus> {
    await this.ready;
    if (this.running) await this.running;
    await this.run();
    return this.status();
  }

  /** Enrols with the back office (sync.enroll), then syncs at once. */
  async enroll(backOfficeUrl: string, code: string): Promise<Enrollment> {
    await this.ready;
    const enrollment = await this.enrollWith(backOfficeUrl, code);
    this.options.onStatus();
    void this.run();
    return enrollment;
  }

  /**
   * An admin action at the back office with this desktop's credentials (DESIGN.md §5 sync is for
   * data; a one-time code must be read out now). Refused while not enrolled or unreachable.
   */
  async adminRequest<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
  ): Promise<z.infer<S>> {
    await this.ready;
    const credentials = this.credentials;
    if (!credentials || this.halted) {
      throw new AppError(
        'BACK_OFFICE_UNREACHABLE',
        'This desktop is not enrolled with a back office.',
        {
          code: 'NOT_ENROLLED',
          traceId: null,
        },
      );
    }
    const client = createSyncClient({
      baseUrl: credentials.backOfficeUrl,
      token: credentials.token,
      fetch: this.options.fetch,
      timeoutMs: this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      signal: this.controller.signal,
    });
    try {
      return await client.admin(path, body, schema);
    } catch (error) {
      if (!(error instanceof SyncHttpError)) throw error;
      const details = { code: error.code, traceId: error.traceId };
      if (error.unreachable)
        throw new AppError(
          'BACK_OFFICE_UNREACHABLE',
          `The back office cannot be reached: ${error.message}`,
          details,
        );
      if (error.code === 'FORBIDDEN') throw new AppError('FORBIDDEN', error.message, details);
      if (error.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', error.message, details);
      throw new AppError('BACK_OFFICE_ERROR', error.message, details);
    }
  }

  status(): SyncStatus {
    const { db } = this.options;
    const state = readSyncState(db);
    const backOfficeUrl =
      this.credentials?.backOfficeUrl ?? state.backOfficeUrl ?? this.options.backOfficeUrl ?? null;
    let backOffice: SyncStatus['backOffice'];
    if (!backOfficeUrl) backOffice = 'not_configured';
    else if (state.revokedAt) backOffice = 'revoked';
    else if (!this.credentials || this.halted) backOffice = 'not_enrolled';
    else backOffice = this.connection === 'online' ? 'online' : 'offline';
    return {
      backOffice,
      backOfficeUrl,
      pendingMutations: pendingMutationCount(db),
      rejectedMutations: rejectedMutationCount(db),
      lastSyncedAt: state.lastSyncedAt,
      lastError: state.lastErrorCode
        ? {
            code: state.lastErrorCode,
            message: state.lastErrorMessage ?? '',
            traceId: state.lastErrorTraceId,
          }
        : null,
    };
  }

  private async loadCredentials(): Promise<void> {
    let credentials: DeviceCredentials | null = null;
    let refused: unknown = null;
    try {
      credentials = await this.options.credentials.read();
    } catch (error) {
      refused = error;
    }
    // Closed while reading: the database is gone.
    if (this.stopped) return;
    this.credentials = credentials;
    if (refused) {
      // Without a usable token this desktop is not enrolled; it says why and keeps working.
      const message = refused instanceof Error ? refused.message : String(refused);
      this.options.log({ level: 'error', msg: 'device credentials unusable', error: message });
      this.recordError(
        refused instanceof CredentialsFileError ? 'CREDENTIALS_INSECURE' : 'INTERNAL',
        message,
        null,
      );
    }
    if (readSyncState(this.options.db).revokedAt) this.halted = true;
  }

  /** One round at a time; a round asked for meanwhile follows right after. */
  private async run(): Promise<RoundResult> {
    if (this.stopped) return 'stopped';
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.clearTimer();
    this.nudgedWhileRunning = false;
    this.running = this.round();
    let result: RoundResult;
    try {
      result = await this.running;
    } finally {
      this.running = null;
    }
    if (this.stopped) return 'stopped';
    this.options.onStatus();
    if (this.again) {
      this.again = false;
      this.schedule(0);
    } else if (result === 'synced') {
      this.schedule(this.nudgedWhileRunning ? this.debounceMs : this.intervalMs);
    } else if (result === 'retry') {
      const delay = this.backoffDelay();
      this.options.log({
        level: 'info',
        msg: 'sync retry scheduled',
        inMs: delay,
        failures: this.failures,
      });
      this.schedule(delay);
    }
    return result;
  }

  private async round(): Promise<RoundResult> {
    if (this.halted) return 'halted';
    if (!this.credentials) {
      const enrolled = await this.autoEnroll();
      if (enrolled !== 'enrolled') return enrolled;
    }
    const credentials = this.credentials;
    if (!credentials) return 'idle';
    const { db, now } = this.options;
    const session = {
      db,
      deviceId: this.options.deviceId,
      now,
      signal: this.controller.signal,
      client: createSyncClient({
        baseUrl: credentials.backOfficeUrl,
        token: credentials.token,
        fetch: this.options.fetch,
        timeoutMs: this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        signal: this.controller.signal,
      }),
    };
    try {
      await pushPending(session, this.options.pushLimits ?? DEFAULT_PUSH_LIMITS);
      const pulled = await pullAll(session, this.options.pullLimit);
      if (this.stopped) return 'stopped';
      this.connection = 'online';
      this.failures = 0;
      updateSyncState(db, {
        lastSyncedAt: new Date(now()).toISOString(),
        lastErrorCode: null,
        lastErrorMessage: null,
        lastErrorTraceId: null,
      });
      if (pulled.tables.size > 0 || pulled.remoteAuditEvents > 0) this.options.onPulled(pulled);
      return 'synced';
    } catch (error) {
      if (this.stopped) return 'stopped';
      return this.failed(error);
    }
  }

  /**
   * Without credentials, a configured enrolment code is used (a launcher's first start). Tried
   * again after a backoff while the back office cannot be reached, not after a refusal.
   */
  private async autoEnroll(): Promise<RoundResult | 'enrolled'> {
    const url = this.options.backOfficeUrl;
    const source = this.options.enrollmentCode;
    if (!url || !source || this.autoEnrollRefused) return 'idle';
    const code = typeof source === 'function' ? await source() : source;
    if (!code) {
      // The back office beside us has not made its code yet: try again later, like offline.
      this.connection = 'offline';
      this.failures += 1;
      return 'retry';
    }
    try {
      await this.enrollWith(url, code);
      return 'enrolled';
    } catch (error) {
      if (this.stopped) return 'stopped';
      const details = (error instanceof AppError ? error.details : undefined) as
        { traceId?: string | null } | undefined;
      this.options.log({ level: 'warn', msg: 'automatic enrolment failed', error: String(error) });
      this.recordError(
        error instanceof AppError ? error.code : 'INTERNAL',
        (error as Error)?.message ?? String(error),
        details?.traceId ?? null,
      );
      if (error instanceof AppError && error.code === 'BACK_OFFICE_UNREACHABLE') {
        this.connection = 'offline';
        this.failures += 1;
        return 'retry';
      }
      this.autoEnrollRefused = true;
      return 'idle';
    }
  }

  private async enrollWith(backOfficeUrl: string, code: string): Promise<Enrollment> {
    const enrollment = await enrollDevice({
      db: this.options.db,
      credentials: this.options.credentials,
      backOfficeUrl,
      code,
      now: this.options.now,
      fetch: this.options.fetch,
      timeoutMs: this.options.requestTimeoutMs,
      signal: this.controller.signal,
    });
    this.credentials = { deviceId: enrollment.deviceId, token: enrollment.token, backOfficeUrl };
    this.halted = false;
    this.failures = 0;
    this.connection = 'online';
    this.options.log({
      level: 'info',
      msg: 'enrolled',
      deviceCode: enrollment.deviceCode,
      storeId: enrollment.storeId,
    });
    this.options.onEnrolled(enrollment);
    return enrollment;
  }

  private failed(error: unknown): RoundResult {
    if (error instanceof SyncHttpError) {
      this.options.log({
        level: 'warn',
        msg: 'sync failed',
        code: error.code,
        status: error.status,
        traceId: error.traceId,
        error: error.message,
      });
      this.recordError(error.code, error.message, error.traceId);
      if (error.code === 'DEVICE_REVOKED') {
        this.connection = 'online';
        this.halted = true;
        updateSyncState(this.options.db, { revokedAt: new Date(this.options.now()).toISOString() });
        return 'halted';
      }
      if (error.code === 'UNAUTHENTICATED') {
        // The back office does not know this token (its data was reset?): enrol again.
        this.connection = 'online';
        this.halted = true;
        return 'halted';
      }
      this.connection = error.unreachable ? 'offline' : 'online';
      this.failures += 1;
      return 'retry';
    }
    // Not the network: a bug or a page that breaks a constraint here. The trace id finds the log line.
    const traceId = uuidv7();
    this.options.log({
      level: 'error',
      msg: 'sync round failed',
      traceId,
      error: String((error as Error)?.stack ?? error),
    });
    this.recordError('INTERNAL', (error as Error)?.message ?? String(error), traceId);
    this.failures += 1;
    return 'retry';
  }

  private recordError(code: string, message: string, traceId: string | null): void {
    updateSyncState(this.options.db, {
      lastErrorCode: code,
      lastErrorMessage: message,
      lastErrorTraceId: traceId,
    });
  }

  /** Exponential in the failures so far, capped, half of it random ("equal jitter"). */
  private backoffDelay(): number {
    const cap = this.options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
    const ceiling = Math.min(cap, this.intervalMs * 2 ** Math.min(this.failures, 20));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, delayMs);
    // The loop alone must not keep a process alive (browser mode exits on its own signals).
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
