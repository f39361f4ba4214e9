import { z } from 'zod';
import { SYNC_TABLES } from '../sync/protocol';
import { PrintJobSchema } from './printing';
import { SyncStatusSchema } from './sync';

/** Events the backend pushes to the renderer, each with its payload schema. */
export const EVENTS = {
  'session.changed': z.object({
    reason: z.enum(['signedIn', 'signedOut', 'locked', 'unlocked']),
  }),
  'sync.status': SyncStatusSchema,
  /** A print job was queued, sent, printed, failed, retried or cancelled on this device. */
  'print.jobChanged': PrintJobSchema,
  /**
   * Rows arrived from the back office (a pull applied them): screens showing these tables
   * re-read, so a decision or refund state made elsewhere shows without a reload.
   */
  'data.changed': z.object({ tables: z.array(z.enum(SYNC_TABLES)) }),
} as const;

export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.infer<(typeof EVENTS)[E]>;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];
