import { z } from 'zod';
import { defineContract } from './contract';
import { Empty, IsoTime } from './common';

export const SyncStatusSchema = z.object({
  /** `not_configured` until a back office URL is set (the back-office issue adds sync). */
  backOffice: z.enum(['not_configured', 'online', 'offline']),
  pendingMutations: z.int(),
  lastSyncedAt: IsoTime.nullable(),
  lastError: z.object({ message: z.string(), traceId: z.string() }).nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const syncStatus = defineContract({
  name: 'sync.status',
  input: Empty,
  output: SyncStatusSchema,
  access: 'signedIn',
  kind: 'read',
  background: true,
});
