import { z } from 'zod';
import { PHOTO_MAX_BYTES } from '../../shared/contracts';
import { ROLES } from '../../shared/domain/permissions';
import { LINE_STATES, REFUND_STATES, RETURN_STATUSES } from '../../shared/domain/returns';
import type { SyncTable } from '../../shared/sync/protocol';

/**
 * The rows desktops push, in their drizzle camelCase shape (db/schema/*.ts, `$inferSelect`).
 * Checked here, at the boundary, before any rule reads them; unknown keys are dropped so what
 * is stored and handed to other desktops is exactly these columns.
 */

const Id = z.uuid();
const Iso = z.iso.datetime({ offset: false });
const Text = (max = 2000) => z.string().max(max);
const Minor = z.int().nonnegative();
const JsonText = z.string().refine((text) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}, 'must be JSON text');

export const RegionRowSchema = z.object({
  id: Id,
  code: Text(16).min(1),
  name: Text(200).min(1),
  marketplaces: JsonText,
});

export const StoreRowSchema = z.object({
  id: Id,
  code: Text(16).min(1),
  name: Text(200).min(1),
  regionId: Id,
  timeZone: Text(64).min(1),
  currency: z.string().regex(/^[A-Z]{3}$/),
  countryCode: z.string().regex(/^[A-Z]{2}$/),
  address: Text(500),
});

export const UserRowSchema = z.object({
  id: Id,
  username: Text(100).min(1),
  displayName: Text(200).min(1),
  role: z.enum(ROLES),
  scopeKind: z.enum(['store', 'region', 'chain']),
  scopeStoreId: Id.nullable(),
  scopeRegionId: Id.nullable(),
  secretKind: z.enum(['pin', 'password']),
  secretHash: Text(500),
  /** Each till's own business: accepted in any shape, never stored. */
  failedAttempts: z.unknown().optional(),
  lockedUntil: z.unknown().optional(),
  language: Text(16).min(2),
  active: z.boolean(),
  createdAt: Iso,
  updatedAt: Iso,
});

export const DeviceRowSchema = z.object({
  id: Id,
  code: z.string().regex(/^[A-Z]{1,2}$/),
  storeId: Id,
  name: Text(100).min(1),
  isLocal: z.boolean().optional(),
  enrolledAt: Iso,
});

export const SettingRowSchema = z.object({
  scope: z.union([z.literal('chain'), Id]),
  key: Text(100).min(1),
  value: JsonText,
  updatedAt: Iso,
  updatedBy: Id.nullable(),
});

export const ReturnRowSchema = z.object({
  id: Id,
  rmaNumber: Text(64).min(1),
  orderId: Id,
  storeId: Id,
  deviceId: Id,
  createdBy: Id,
  status: z.enum(RETURN_STATUSES),
  customerComment: Text(),
  overrideBy: Id.nullable(),
  overrideReason: Text().nullable(),
  returnPolicyId: Text(100).min(1),
  returnPolicyVersion: z.int().nonnegative(),
  createdAt: Iso,
  updatedAt: Iso,
});

export const ReturnLineRowSchema = z.object({
  id: Id,
  returnId: Id,
  orderLineId: Id,
  quantity: z.int().positive(),
  reasonCode: Text(100).min(1),
  comment: Text(),
  opened: z.boolean(),
  damaged: z.boolean(),
  missingParts: z.boolean(),
  eligibility: JsonText,
  restockingFeeBps: z.int().min(0).max(10_000),
  state: z.enum(LINE_STATES),
  disposition: Text(64).nullable(),
  disposedAt: Iso.nullable(),
  createdAt: Iso,
});

export const QcInspectionRowSchema = z.object({
  id: Id,
  returnLineId: Id,
  grade: Text(64).min(1),
  defects: JsonText,
  checklist: JsonText,
  serialExpected: Text(200).nullable(),
  serialScanned: Text(200).nullable(),
  serialCheck: Text(64).min(1),
  notes: Text(),
  supersedesId: Id.nullable(),
  inspectedBy: Id,
  inspectedAt: Iso,
});

export const PhotoRowSchema = z.object({
  id: Id,
  returnId: Id,
  returnLineId: Id.nullable(),
  stage: Text(32).min(1),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.base64().max(Math.ceil((PHOTO_MAX_BYTES * 4) / 3) + 4),
  sizeBytes: z.int().positive().max(PHOTO_MAX_BYTES),
  createdBy: Id,
  createdAt: Iso,
});

const amountColumns = {
  itemMinor: Minor,
  itemTaxMinor: Minor,
  shippingMinor: Minor,
  shippingTaxMinor: Minor,
  restockingFeeMinor: Minor,
  totalMinor: Minor,
};

export const RefundRequestRowSchema = z.object({
  id: Id,
  returnId: Id,
  orderId: Id,
  storeId: Id,
  currency: z.string().regex(/^[A-Z]{3}$/),
  ...amountColumns,
  adjustmentReason: Text().nullable(),
  status: z.enum(REFUND_STATES),
  decision: z.enum(['auto_approved', 'needs_manager']),
  decisionReasons: JsonText,
  riskSignals: JsonText,
  approvalPolicyId: Text(100).min(1),
  approvalPolicyVersion: z.int().nonnegative(),
  /** Who must decide under that policy (auto, store_manager, regional_manager, finance). */
  approvalTier: Text(32).nullable().optional(),
  /** When the refund is due (the policy's deadline), UTC. */
  dueAt: Iso.nullable().optional(),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  requestedBy: Id,
  requestedAt: Iso,
  /** Set by the back office's refund executor: Amazon's adjustment id once it shows. */
  amazonAdjustmentId: Text(200).nullable().optional(),
  /** Set by the executor: Amazon's message or the amount guard's reason for a rejection. */
  rejectionReason: Text(2000).nullable().optional(),
});

export const RefundRequestLineRowSchema = z.object({
  id: Id,
  refundRequestId: Id,
  returnLineId: Id,
  orderLineId: Id,
  units: z.int().positive(),
  ...amountColumns,
});

export const ApprovalRowSchema = z.object({
  id: Id,
  refundRequestId: Id,
  decision: z.enum(['approved', 'denied']),
  method: Text(32).min(1),
  decidedBy: Id.nullable(),
  comment: Text(),
  requestDigest: z.string().regex(/^[0-9a-f]{64}$/),
  deviceId: Id,
  decidedAt: Iso,
  /** An offline code's proof (JSON), checked here before money may move. */
  offlineProof: Text(4000).nullable().optional(),
  /** Set by the back office when it confirms an offline decision. */
  confirmedAt: Iso.nullable().optional(),
});

/** A published policy version (shared/domain/policy/policy-set.ts): immutable once out. */
export const PolicySetRowSchema = z.object({
  id: Id,
  setKey: Text(64).regex(/^[a-z0-9][a-z0-9._-]*$/),
  version: z.int().positive(),
  scopeKind: z.enum(['chain', 'marketplace', 'region', 'store']),
  scopeId: Text(64).nullable(),
  rules: JsonText,
  publishedAt: Iso,
  publishedBy: Id.nullable(),
});

export const LabelPrintRowSchema = z.object({
  id: Id,
  returnId: Id,
  size: Text(32).min(1),
  reprint: z.boolean(),
  reason: Text().nullable(),
  printedBy: Id,
  printedAt: Iso,
});

export const ManifestRowSchema = z.object({
  id: Id,
  storeId: Id,
  createdBy: Id,
  createdAt: Iso,
});

export const ManifestLineRowSchema = z.object({
  manifestId: Id,
  returnLineId: Id,
});

/** Orders are the back office's own; the schema only names them so the table is known. */
const ServerOwned = z.never();

/**
 * The schema per table a desktop may push. A table the protocol gains later has none until the
 * back office learns its rules, and is refused meanwhile (rules/index.ts).
 */
const ROW_SCHEMAS = {
  regions: RegionRowSchema,
  stores: StoreRowSchema,
  users: UserRowSchema,
  devices: DeviceRowSchema,
  settings: SettingRowSchema,
  policySets: PolicySetRowSchema,
  orders: ServerOwned,
  orderLines: ServerOwned,
  amazonRefunds: ServerOwned,
  returns: ReturnRowSchema,
  returnLines: ReturnLineRowSchema,
  qcInspections: QcInspectionRowSchema,
  photos: PhotoRowSchema,
  refundRequests: RefundRequestRowSchema,
  refundRequestLines: RefundRequestLineRowSchema,
  approvals: ApprovalRowSchema,
  labelPrints: LabelPrintRowSchema,
  manifests: ManifestRowSchema,
  manifestLines: ManifestLineRowSchema,
} satisfies Partial<Record<SyncTable, z.ZodType>>;

export function rowSchemaOf(table: SyncTable): z.ZodType | undefined {
  return (ROW_SCHEMAS as Partial<Record<SyncTable, z.ZodType>>)[table];
}

export type RegionRow = z.infer<typeof RegionRowSchema>;
export type StoreRow = z.infer<typeof StoreRowSchema>;
export type UserRow = z.infer<typeof UserRowSchema>;
export type DeviceRow = z.infer<typeof DeviceRowSchema>;
export type SettingRow = z.infer<typeof SettingRowSchema>;
export type PolicySetRow = z.infer<typeof PolicySetRowSchema>;
export type ReturnRow = z.infer<typeof ReturnRowSchema>;
export type ReturnLineRow = z.infer<typeof ReturnLineRowSchema>;
export type QcInspectionRow = z.infer<typeof QcInspectionRowSchema>;
export type PhotoRow = z.infer<typeof PhotoRowSchema>;
export type RefundRequestRow = z.infer<typeof RefundRequestRowSchema>;
export type RefundRequestLineRow = z.infer<typeof RefundRequestLineRowSchema>;
export type ApprovalRow = z.infer<typeof ApprovalRowSchema>;
export type LabelPrintRow = z.infer<typeof LabelPrintRowSchema>;
export type ManifestRow = z.infer<typeof ManifestRowSchema>;
export type ManifestLineRow = z.infer<typeof ManifestLineRowSchema>;
