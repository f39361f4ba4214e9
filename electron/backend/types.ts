import type { Envelope, EventName, EventPayload } from '../../shared/contracts';
import type { PlatformPrinting, PrintQueueOptions } from './printing';

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
}
