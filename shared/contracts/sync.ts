import { z } from 'zod';
import { defineContract } from './contract';
import { Empty, Id, IsoTime } from './common';

export const BACK_OFFICE_STATES = [
  /** No back office configured: this desktop works on its own. */
  'not_configured',
  /** A back office is configured but this desktop holds no (valid) device token. */
  'not_enrolled',
  /** The last round reached the back office. */
  'online',
  /** The back office could not be reached; changes wait in the outbox. */
  'offline',
  /** The back office revoked this device: sync is off until it is enrolled again. */
  'revoked',
] as const;

export const SyncStatusSchema = z.object({
  backOffice: z.enum(BACK_OFFICE_STATES),
  backOfficeUrl: z.string().nullable(),
  pendingMutations: z.int(),
  /** Changes the back office refused (sync.rejections lists them). */
  rejectedMutations: z.int(),
  lastSyncedAt: IsoTime.nullable(),
  lastError: z
    .object({
      /** A sync protocol code (shared/sync/protocol.ts), UNREACHABLE, TIMEOUT, BAD_RESPONSE or an app error code. */
      code: z.string(),
      message: z.string(),
      /** The back office's request id (or this desktop's log line), for support. */
      traceId: z.string().nullable(),
    })
    .nullable(),
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

/** Syncs now instead of at the next round (any signed-in user: it changes nothing by itself). */
export const syncNow = defineContract({
  name: 'sync.now',
  input: Empty,
  output: SyncStatusSchema,
  access: 'signedIn',
  kind: 'self',
});

export const syncEnroll = defineContract({
  name: 'sync.enroll',
  input: z
    .object({
      backOfficeUrl: z.url({ protocol: /^https?$/ }).max(500),
      /** Made by an admin at the back office; read out or typed. */
      code: z.string().trim().min(6).max(64),
    })
    .strict(),
  output: z.object({
    status: SyncStatusSchema,
    deviceCode: z.string(),
    storeId: Id,
    scope: z.enum(['store', 'region', 'chain']),
    storeChanged: z.boolean(),
  }),
  access: 'devices.enroll',
  kind: 'self',
});

export const SyncRejectionSchema = z.object({
  mutationId: z.int(),
  id: z.string(),
  /** The change's name (a call name, or what the back office re-applies, e.g. users.lock). */
  name: z.string(),
  code: z.string(),
  reason: z.string(),
  createdAt: IsoTime,
  rejectedAt: IsoTime.nullable(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  userName: z.string().nullable(),
});
export type SyncRejection = z.infer<typeof SyncRejectionSchema>;

export const syncRejections = defineContract({
  name: 'sync.rejections',
  input: z.object({ limit: z.int().min(1).max(500).default(100) }).strict(),
  output: z.array(SyncRejectionSchema),
  access: 'sync.review',
  kind: 'read',
});
