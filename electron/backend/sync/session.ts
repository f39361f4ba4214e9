import type { Db } from '../../../db/client';
import type { SyncClient } from './sync-client';

/** What one sync round works with. */
export interface SyncSession {
  db: Db;
  client: SyncClient;
  /** This desktop: the protocol's `clientId`. */
  deviceId: string;
  now: () => number;
  /** Aborted when the backend closes: after every network wait, check it before writing. */
  signal: AbortSignal;
}
