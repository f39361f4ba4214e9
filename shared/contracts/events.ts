import { z } from 'zod';
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
} as const;

export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.infer<(typeof EVENTS)[E]>;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];
