import { z } from 'zod';

/**
 * The wire protocol between a desktop and the back office (DESIGN.md §5), in the style of
 * Replicache: the desktop pushes its outbox in order, the server applies each mutation once in
 * its own transaction and answers per mutation; the desktop pulls what changed since a cookie.
 *
 * Sync is state-based: a mutation carries the rows its local transaction wrote (`rows`, as they
 * were right after that transaction), not only the call's arguments. The desktop is where
 * eligibility, RMA numbers and refund maths were decided; the back office re-checks the
 * invariants it owns (scope, forward-only states, immutability, refunds never above what was
 * paid, one decision per request) and answers `applied`, `rejected` (with a code) or
 * `duplicate`. A rejected mutation still advances `lastMutationId`, so it never blocks the queue.
 *
 * Rows travel in the desktop's drizzle shape (camelCase keys of `$inferSelect`); blobs as base64.
 */

export const SYNC_PROTOCOL_VERSION = 1;

export const SYNC_PATHS = {
  health: '/healthz',
  ready: '/readyz',
  enroll: '/v1/devices/enroll',
  push: '/v1/sync/push',
  pull: '/v1/sync/pull',
  /** Admin actions that need an immediate answer (an enrollment code to read out). */
  enrollmentCodes: '/v1/admin/enrollment-codes',
  revokeDevice: '/v1/admin/devices/revoke',
  /** A regional manager's offline approval key: a new one (the previous one revoked), or none. */
  rotateManagerKey: '/v1/admin/manager-keys/rotate',
  revokeManagerKey: '/v1/admin/manager-keys/revoke',
  /** The seller account's LWA credentials: what is set (never the secrets), and setting them. */
  amazonAccount: '/v1/admin/amazon-account',
  setAmazonAccount: '/v1/admin/amazon-account/set',
} as const;

/** Request bodies above this (after decompression) are refused with `TOO_LARGE`. */
export const SYNC_MAX_BATCH_BYTES = 8 * 1024 * 1024;
export const SYNC_MAX_MUTATIONS_PER_PUSH = 2000;
export const SYNC_DEFAULT_PULL_LIMIT = 5000;
/** A push whose clocks run further ahead of the server than this is refused (`CLOCK_SKEW`). */
export const SYNC_MAX_CLOCK_AHEAD_MS = 10 * 60 * 1000;

/**
 * Tables that travel. `owned` ones are written at a store and pushed by its devices; the
 * directory and orders are written at the back office and only pulled.
 */
export const STORE_OWNED_TABLES = [
  'returns',
  'returnLines',
  'qcInspections',
  'photos',
  'refundRequests',
  'refundRequestLines',
  'approvals',
  'labelPrints',
  'manifests',
  'manifestLines',
] as const;
export const DIRECTORY_TABLES = [
  'regions',
  'stores',
  'users',
  'devices',
  'settings',
  /** Published refund policy versions (shared/domain/policy): an admin publishes, all pull. */
  'policySets',
] as const;
export const SERVER_OWNED_TABLES = [
  'orders',
  'orderLines',
  /**
   * Offline approval keys (shared/domain/approvals/offline-code.ts), made at the back office:
   * the public half for the region's devices, a store's derived key for its devices, the
   * secrets for the manager's laptops (region- and chain-scoped devices) only.
   */
  'managerKeys',
  'managerStoreKeys',
  'managerKeySecrets',
  /**
   * What Amazon refunded of an order line by itself (its own returns, A-to-z claims): from the
   * returns report and financial events not matched to a refund of ours. The counter raises
   * ALREADY_REFUNDED from it (the double-refund guard across channels).
   */
  'amazonRefunds',
] as const;
export const SYNC_TABLES = [
  ...DIRECTORY_TABLES,
  ...SERVER_OWNED_TABLES,
  ...STORE_OWNED_TABLES,
] as const;
export type SyncTable = (typeof SYNC_TABLES)[number];

/** Codes of the sync endpoints and of per-mutation rejections (stable; the UI translates them). */
export const SYNC_ERROR_CODES = [
  'UNAUTHENTICATED',
  'DEVICE_REVOKED',
  'PROTOCOL_VERSION',
  'MALFORMED_BATCH',
  'TOO_LARGE',
  'BATCH_REPLAYED',
  'CLOCK_SKEW',
  'ENROLLMENT_CODE_INVALID',
  'FORBIDDEN',
  /** No such endpoint, or an admin action names a device or store the back office does not know. */
  'NOT_FOUND',
  // per mutation
  'OUT_OF_SCOPE',
  'UNKNOWN_REFERENCE',
  'IMMUTABLE',
  'REFUND_EXCEEDS_PAID',
  'ALREADY_DECIDED',
  'DIGEST_MISMATCH',
  'INVALID_TRANSITION',
  'INVALID_ROW',
  /** An offline-code approval whose part B (or signed token) does not check out. */
  'OFFLINE_CODE_INVALID',
  /** An offline-code approval made for another amount or currency than the request's. */
  'OFFLINE_CODE_WRONG_AMOUNT',
  /** An offline-code approval made with a manager key revoked before the decision. */
  'MANAGER_KEY_REVOKED',
  'INTERNAL',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export const SyncErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(SYNC_ERROR_CODES),
    message: z.string(),
    /** The server's request id, shown to the user so support can find the log line. */
    traceId: z.string(),
  }),
});
export type SyncErrorBody = z.infer<typeof SyncErrorBodySchema>;

const Uuid = z.uuid();
const Iso = z.iso.datetime({ offset: false });
/** A hybrid logical clock as `shared/domain/hlc` formats it. */
const Hlc = z.string().min(1).max(64);

export const RowChangeSchema = z.object({
  table: z.enum(SYNC_TABLES),
  row: z.record(z.string(), z.unknown()),
  /**
   * Only from the server: the row is gone (a denial that beat an unexecuted approval removes the
   * approval). `row` then holds at least its primary key.
   */
  deleted: z.literal(true).optional(),
});
export type RowChange = z.infer<typeof RowChangeSchema>;

export const PushedMutationSchema = z.object({
  /** The desktop's outbox order (`outbox.mutation_id`), strictly increasing per device. */
  mutationId: z.int().positive(),
  id: Uuid,
  name: z.string().min(1).max(100),
  args: z.unknown(),
  hlc: Hlc,
  /** Who made the change at the desktop (null for the system, e.g. a policy auto-approval). */
  userId: Uuid.nullable(),
  /** The store whose data this is: the device's own for its returns, the request's for a decision. */
  storeId: Uuid.nullable(),
  createdAt: Iso,
  rows: z.array(RowChangeSchema).max(500),
});
export type PushedMutation = z.infer<typeof PushedMutationSchema>;

/** One event of a device's hash-chained audit log (db/schema/journal.ts), in its sequence. */
export const AuditEventWireSchema = z.object({
  seq: z.int().positive(),
  id: Uuid,
  deviceId: Uuid,
  userId: Uuid.nullable(),
  storeId: Uuid.nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  at: Iso,
  hlc: Hlc,
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEventWire = z.infer<typeof AuditEventWireSchema>;

export const PushRequestSchema = z.object({
  protocolVersion: z.literal(SYNC_PROTOCOL_VERSION),
  clientId: Uuid,
  /** Fresh for every HTTP attempt; the same id twice is a replay (`BATCH_REPLAYED`). */
  batchId: Uuid,
  sentAt: Iso,
  mutations: z.array(PushedMutationSchema).max(SYNC_MAX_MUTATIONS_PER_PUSH),
  /** This device's audit events after the head the server last acknowledged, in order. */
  audit: z.array(AuditEventWireSchema).max(SYNC_MAX_MUTATIONS_PER_PUSH * 4),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const MutationResultSchema = z.object({
  mutationId: z.int().positive(),
  status: z.enum(['applied', 'rejected', 'duplicate']),
  code: z.enum(SYNC_ERROR_CODES).optional(),
  reason: z.string().optional(),
});
export type MutationResult = z.infer<typeof MutationResultSchema>;

export const PushResponseSchema = z.object({
  lastMutationId: z.int().nonnegative(),
  results: z.array(MutationResultSchema),
  /** The newest of this device's audit events the server holds, to push from next time. */
  auditHead: z.object({ seq: z.int().nonnegative(), hash: z.string() }).nullable(),
  serverTime: Iso,
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

export const PullRequestSchema = z.object({
  protocolVersion: z.literal(SYNC_PROTOCOL_VERSION),
  clientId: Uuid,
  /** The last server version this desktop applied; null for a fresh desktop. */
  cookie: z.int().nonnegative().nullable(),
  limit: z.int().positive().max(20000).optional(),
});
export type PullRequest = z.infer<typeof PullRequestSchema>;

export const PullResponseSchema = z.object({
  /** The version to send next time; rows are in version order, so a cut pull resumes. */
  cookie: z.int().nonnegative(),
  /** The last mutation of this client the server has processed (applied or rejected). */
  lastMutationId: z.int().nonnegative(),
  rows: z.array(RowChangeSchema),
  /** Other devices' audit events this desktop may see (union of chains, DESIGN.md §5). */
  audit: z.array(AuditEventWireSchema),
  /** More changes wait: pull again at once with the new cookie. */
  more: z.boolean(),
  serverTime: Iso,
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

/** What a device sees: its store, every store of its region (a manager's laptop), or all. */
export const DeviceScopeSchema = z.enum(['store', 'region', 'chain']);
export type DeviceScope = z.infer<typeof DeviceScopeSchema>;

export const EnrollRequestSchema = z.object({
  protocolVersion: z.literal(SYNC_PROTOCOL_VERSION),
  code: z.string().min(6).max(64),
  /** Made on the device (ids are made where the thing is made). */
  deviceId: Uuid,
  name: z.string().min(1).max(100),
  /** The one-or-two-letter code the desktop uses in RMA numbers, if it already has one. */
  preferredCode: z
    .string()
    .regex(/^[A-Z]{1,2}$/)
    .optional(),
});
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>;

export const EnrollResponseSchema = z.object({
  deviceId: Uuid,
  /** Unique within the store: part of every RMA number this desktop makes. */
  deviceCode: z.string().regex(/^[A-Z]{1,2}$/),
  storeId: Uuid,
  scope: DeviceScopeSchema,
  /** `deviceId.secret`; the server keeps only its hash. Shown once. */
  token: z.string().min(20),
});
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;

export const CreateEnrollmentCodeRequestSchema = z.object({
  storeId: Uuid,
  scope: DeviceScopeSchema.default('store'),
  /** The admin acting at their desktop; the server checks their role in its own directory. */
  actingUserId: Uuid,
  ttlMinutes: z
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(24 * 60),
});
export const CreateEnrollmentCodeResponseSchema = z.object({
  code: z.string(),
  expiresAt: Iso,
});

export const RevokeDeviceRequestSchema = z.object({
  deviceId: Uuid,
  actingUserId: Uuid,
  reason: z.string().min(1).max(500),
});
export const RevokeDeviceResponseSchema = z.object({
  deviceId: Uuid,
  revokedAt: Iso,
});

export const AmazonAccountRequestSchema = z.object({ actingUserId: Uuid });
export const SetAmazonAccountRequestSchema = z.object({
  actingUserId: Uuid,
  clientId: z.string().trim().min(8).max(200),
  clientSecret: z.string().trim().min(8).max(500),
  refreshToken: z.string().trim().min(8).max(2000),
  sellerId: z.string().trim().min(2).max(50),
  region: z.enum(['na', 'eu', 'fe']).default('na'),
});
/** Never the secrets: whether they are set, and the client id's first and last characters. */
export const AmazonAccountStatusSchema = z.object({
  connected: z.boolean(),
  clientIdHint: z.string().nullable(),
  refreshTokenSet: z.boolean(),
  sellerId: z.string().nullable(),
  region: z.string().nullable(),
  updatedAt: Iso.nullable(),
});
export type AmazonAccountStatus = z.infer<typeof AmazonAccountStatusSchema>;

/** A regional manager gets a new offline approval key; their current one is revoked. */
export const RotateManagerKeyRequestSchema = z.object({
  managerId: Uuid,
  actingUserId: Uuid,
});
export const RotateManagerKeyResponseSchema = z.object({
  keyId: Uuid,
  version: z.int().positive(),
  /** The key it replaced, revoked now; null for a manager's first key. */
  revokedKeyId: Uuid.nullable(),
});

/** A regional manager's current key is revoked (left the company, laptop lost); no new one. */
export const RevokeManagerKeyRequestSchema = z.object({
  managerId: Uuid,
  actingUserId: Uuid,
  reason: z.string().min(1).max(500),
});
export const RevokeManagerKeyResponseSchema = z.object({
  revokedKeyIds: z.array(Uuid),
  revokedAt: Iso,
});
