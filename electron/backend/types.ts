import type { Envelope, EventName, EventPayload } from '../../shared/contracts';
import type { PlatformPrinting, PrintQueueOptions } from './printing';
import type { DeviceCredentialStore } from './sync/credentials';
import type { PushLimits } from './sync/push';

/**
 * The desktop backend as both bridges see it. `channel` names the caller: the renderer's
 * webContents id in Electron, the tab's client id in browser mode. Each channel has its own
 * till session (who is signed in, locked or not).
 */
export interface Backend {
  dispatch(channel: string, name: string, input: unknown): Promise<Envelope<unknown>>;
  /** Events for one channel (`channel` set) or for all (`channel` null). */
  onEvent(listener: BackendEventListener): () => void;
  /** Forget a channel's session (window closed, tab gone). */
  dropChannel(channel: string): void;
  close(): void;
}

export type BackendEventListener = <E extends EventName>(
  channel: string | null,
  event: E,
  payload: EventPayload<E>,
) => void;

export interface BackendOptions {
  /** Folder holding returndesk.sqlite and its backups. */
  dataDir: string;
  /** The committed drizzle-kit migrations (`db/migrations`), located by the entry point. */
  migrationsDir: string;
  /** Fonts and templates (`resources/`); by default beside `db/` at the app's root. */
  resourcesDir?: string;
  /** Store this device belongs to on a fresh install (demo: a store code such as NY01). */
  storeCode?: string;
  /** Injected for tests; defaults to Date.now. */
  now?: () => number;
  /** Seed the demo chain and orders into an empty database (default true). */
  seedDemo?: boolean;
  log?: (line: Record<string, unknown>) => void;
  /** OS printers (the Electron shell passes them in); none in browser mode. */
  printing?: PlatformPrinting;
  /** Retry backoff and timeouts of the print queue (short in tests). */
  printQueue?: PrintQueueOptions;
  /** Sync with the back office (DESIGN.md §5). Without a URL the desktop works on its own. */
  sync?: BackendSyncOptions;
}

export interface BackendSyncOptions {
  /** The back office, e.g. `https://backoffice.example.com` (`RETURNDESK_BACKOFFICE_URL`). */
  backOfficeUrl?: string | null;
  /**
   * Enrol with this code at the first start when not enrolled yet, so a launcher needs no
   * person at the till (`RETURNDESK_ENROLLMENT_CODE`).
   */
  enrollmentCode?: string | null | (() => Promise<string | null>);
  /**
   * Where the device token is kept: Electron passes one encrypted by the OS secret store;
   * default `<dataDir>/device-credentials.json`, readable by this OS user only.
   */
  credentials?: DeviceCredentialStore;
  /** Between sync rounds while all is well (default 5000 ms). */
  intervalMs?: number;
  /** After a local change, wait this long for more before syncing (default 250 ms). */
  debounceMs?: number;
  /** Per request to the back office (default 15000 ms). */
  requestTimeoutMs?: number;
  /** The longest wait between attempts while the back office is unreachable (default 5 min). */
  maxBackoffMs?: number;
  /** Jitter source in [0, 1) (tests make it fixed). */
  random?: () => number;
  pushLimits?: PushLimits;
  pullLimit?: number;
  /** The HTTP client (default: Node's fetch). */
  fetch?: typeof fetch;
}
