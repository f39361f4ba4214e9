import type { EventName, EventPayload, StoreSettings } from '../../shared/contracts';
import { hlcInit, hlcReceive, hlcTick, type HlcState } from '../../shared/domain/hlc';
import type { Db } from '../../db/client';
import { latestHlc } from '../../db/repositories/audit';
import { storeRegionMap } from '../../db/repositories/directory';
import { pendingMutationCount } from '../../db/repositories/outbox';
import { discardCapturedRows } from '../../db/repositories/sync-capture';
import type { DeviceContext } from './context';
import { GrantStore } from './grants';
import { Printing, type PlatformPrinting, type PrintQueueOptions } from './printing';
import { SessionStore } from './sessions';
import type { BackendEventListener } from './types';

export type Log = (line: Record<string, unknown>) => void;

/** The long-lived parts every call shares. */
export class BackendCore {
  readonly sessions = new SessionStore();
  readonly grants = new GrantStore();
  /** Printers and the print queue; its worker runs from `printing.start()` to `printing.stop()`. */
  readonly printing: Printing;
  private readonly hlc: HlcState;
  private regions: Map<string, string>;
  private readonly listeners = new Set<BackendEventListener>();
  private lastPending = -1;
  /** Store settings, read on every call for the idle lock; emptied whenever a change commits. */
  private readonly settingsCache = new Map<string, StoreSettings>();

  constructor(
    readonly db: Db,
    readonly device: DeviceContext,
    readonly now: () => number,
    readonly log: Log,
    readonly resourcesDir: string,
    printing: { platform?: PlatformPrinting; queue?: PrintQueueOptions } = {},
  ) {
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
   * pushes the sync status to every window whenever the outbox grows or shrinks.
   */
  publishSyncStatus(): void {
    const pending = pendingMutationCount(this.db);
    if (pending === this.lastPending) return;
    this.lastPending = pending;
    this.emit(null, 'sync.status', {
      backOffice: 'not_configured',
      pendingMutations: pending,
      lastSyncedAt: null,
      lastError: null,
    });
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
