import type { Db } from '../database/client';

/** What the HTTP layer needs from the back office around it. */
export interface BackOfficeServices {
  db: Db;
  now: () => Date;
  readiness(): Promise<{ ready: boolean; detail: string }>;
  /** The server key sealing stored secrets (made on first use). */
  secretKey?: () => Buffer;
}
