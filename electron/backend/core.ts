import type { EventName, EventPayload, StoreSettings } from '../../shared/contracts';
import { hlcInit, hlcReceive, hlcTick, type HlcState } from '../../shared/domain/hlc';
import type { Db } from '../../db/client';
import { latestHlc } from '../../db/repositories/audit';
import { storeRegionMap } from '../../db/repositories/directory';
import { discardCapturedRows } from '../../db/repositories/sync-capture';
import type { DeviceContext } from './context';
import { loadDeviceContext } from './device';
import { GrantStore } from './grants';
import { Printing, type PlatformPrinting, type PrintQueueOptions } from './printing';
import { SessionStore } from './sessions';
import type { PullOutcome } from './sync/pull';
import { SyncLoop, type SyncLoopOptions } from './sync/sync-loop';
import type { BackendEventListener } from './types';

/** What the backend's options say about sync; the core supplies the rest. */
export type CoreSyncOptions = Omit<
  SyncLoopOptions,
  'db' | 'deviceId' | 'now' | 'log' | 'onStatus' | 'onPulled' | 'onEnrolled'
>;

export type Log = (line: Record<string, unknown>) => void;

/** The long-lived parts every call shares. */
export class BackendCore {
  readonly sessions = new SessionStore();
  readonly grants = new GrantStore();
  /** Printers and the print queue; its worker runs from `printing.start()` to `printing.stop()`. */
  readonly printing: Printing;
  /** Sync with the back office; runs from `sync.start()` to `sync.stop()`. */
  readonly sync: SyncLoop;
  /** This desktop; re-read when enrolment or a pull changes its code or store. */
  device: DeviceContext;
  private readonly hlc: HlcState;
  private regions: Map<string, string>;
  private readonly listeners = new Set<BackendEventListener>();
  private lastPending = -1;
  private lastStatus = '';
  /** Store settings, read on every call for the idle lock; emptied whenever a change commits. */
  private readonly settingsCache = new Map<string, StoreSettings>();

  constructor(
    readonly db: Db,
    device: DeviceContext,
    readonly now: () => number,
    readonly log: Log,
    readonly resourcesDir: string,
    printing: { platform?: PlatformPrinting; queue?: PrintQueueOptions },
    sync: CoreSyncOptions,
  ) {
    this.device = device;
    this.printing = new Printing(
      { db, now, log, emitJobChanged: (job) => this.emit(null, 'print.jobChanged', job) },
      printing.platform ?? null,
      printing.queue,
    );
    // Left by the demo seed or by a run that stopped mid-write: nothing a change owns.
    discardCapturedRows(db);
    this.hlc = hlcInit(device.id.slice(-12));
    const last = latestHlc(db);
    if (last) hlcReceive(this.hlc, last, now());
    this.regions = storeRegionMap(db);
    this.sync = new SyncLoop({
      ...sync,
      db,
      deviceId: device.id,
      now,
      log,
      onStatus: () => this.publishSyncStatus(),
      onPulled: (outcome) => this.afterPull(outcome),
      onEnrolled: () => this.afterDirectoryChange(),
    });
  }

  tick(): string {
    return hlcTick(this.hlc, this.now());
  }

  cachedSettings(storeId: string, read: () => StoreSettings): StoreSettings {
    let settings = this.settingsCache.get(storeId);
    if (!settings) this.settingsCache.set(storeId, (settings = read()));
    return settings;
  }

  /** After any write: what the caches hold may have changed. */
  afterWrite(): void {
    // Rows a change wrote were captured inside its transaction; what is left was written by no
    // change (a sign-in counter, an enrolment) and is not the back office's business.
    discardCapturedRows(this.db);
    this.settingsCache.clear();
    this.regions = storeRegionMap(this.db);
    this.publishSyncStatus();
  }

  regionOfStore(storeId: string): string | undefined {
    if (!this.regions.has(storeId)) this.regions = storeRegionMap(this.db);
    return this.regions.get(storeId);
  }

  onEvent(listener: BackendEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The renderer does not poll (polling would count as activity at the till), so the backend
   * pushes the sync status to every window whenever it changes: the outbox grew or shrank, a
   * round succeeded or failed. A grown outbox also nudges the sync loop.
   */
  publishSyncStatus(): void {
    const status = this.sync.status();
    if (this.lastPending >= 0 && status.pendingMutations > this.lastPending) this.sync.nudge();
    this.lastPending = status.pendingMutations;
    const serialized = JSON.stringify(status);
    if (serialized === this.lastStatus) return;
    this.lastStatus = serialized;
    this.emit(null, 'sync.status', status);
  }

  /** Rows from the back office landed: caches, this device, the clock, and the screens. */
  private afterPull(outcome: PullOutcome): void {
    if (['devices', 'stores', 'regions'].some((t) => outcome.tables.has(t as never)))
      this.afterDirectoryChange();
    this.settingsCache.clear();
    this.regions = storeRegionMap(this.db);
    if (outcome.latestHlc) hlcReceive(this.hlc, outcome.latestHlc, this.now());
    if (outcome.tables.size > 0)
      this.emit(null, 'data.changed', { tables: [...outcome.tables].sort() });
  }

  /** Enrolment or a pull may have given this desktop another code or store. */
  private afterDirectoryChange(): void {
    this.device = loadDeviceContext(this.db);
    this.regions = storeRegionMap(this.db);
  }

  emit<E extends EventName>(channel: string | null, event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(channel, event, payload);
      } catch (error) {
        this.log({ level: 'error', msg: 'event listener failed', event, error: String(error) });
      }
    }
  }
}
