import type { z } from 'zod';
import * as auth from './auth';
import * as audit from './audit';
import * as adminUsers from './admin-users';
import * as policies from './policies';
import * as devices from './devices';
import * as amazonAccount from './amazon-account';
import * as deadlines from './deadlines';
import * as directory from './directory';
import * as orders from './orders';
import * as manifests from './manifests';
import * as offlineApprovals from './offline-approvals';
import * as printing from './printing';
import * as returns from './returns';
import * as settings from './settings';
import * as sync from './sync';

export * from './errors';
export * from './contract';
export * from './common';
export * from './events';
export * from './bridge';
export { SessionUserSchema, DeviceInfoSchema, type SessionUser } from './auth';
export { StoreSchema, type Store, UserSummarySchema } from './directory';
export {
  ManagedUserSchema,
  MIN_PASSWORD_LENGTH,
  PIN_PATTERN,
  type ManagedUser,
} from './admin-users';
export { OrderSummarySchema, type OrderSummary } from './orders';
export {
  AMAZON_ORDER_ID,
  BreakdownSchema,
  OrderDetailSchema,
  LABEL_LOGO_MAX_BYTES,
  PHOTO_MAX_BYTES,
  RefundRequestSchema,
  ReturnDetailSchema,
  VerdictSchema,
  type OrderDetail,
  type RefundRequest,
  type ReturnDetail,
} from './returns';
export {
  MANIFEST_DISPOSITIONS,
  ManifestPendingLineSchema,
  type ManifestPendingLine,
} from './manifests';
export { STEP_UP_PURPOSES } from './auth';
export {
  OfflineChallengeSchema,
  OfflineResponseSchema,
  type OfflineChallenge,
  type OfflineResponse,
} from './offline-approvals';
export { DEFAULT_SETTINGS, SETTING_SCHEMAS, type SettingKey, type StoreSettings } from './settings';
export { AuditVerificationSchema, type AuditVerification } from './audit';
export {
  BACK_OFFICE_STATES,
  SyncRejectionSchema,
  SyncStatusSchema,
  type SyncRejection,
  type SyncStatus,
} from './sync';
export {
  LabelSizeSchema,
  PRINT_KINDS,
  PrintJobSchema,
  PrinterTargetSchema,
  type PrintJob,
  type PrintJobStatus,
  type PrintKind,
  type PrinterConfig,
  type PrinterTarget,
} from './printing';

/** Every call the renderer may make, by name. The preload's allow-list is derived from it. */
export const CONTRACTS = {
  [auth.sessionCurrent.name]: auth.sessionCurrent,
  [auth.authTillUsers.name]: auth.authTillUsers,
  [auth.authSignIn.name]: auth.authSignIn,
  [auth.authUnlock.name]: auth.authUnlock,
  [auth.authLock.name]: auth.authLock,
  [auth.authSignOut.name]: auth.authSignOut,
  [auth.meSetLanguage.name]: auth.meSetLanguage,
  [auth.authStepUp.name]: auth.authStepUp,
  [directory.directoryStores.name]: directory.directoryStores,
  [directory.usersList.name]: directory.usersList,
  [directory.usersUnlock.name]: directory.usersUnlock,
  [adminUsers.usersAll.name]: adminUsers.usersAll,
  [adminUsers.usersCreate.name]: adminUsers.usersCreate,
  [adminUsers.usersUpdate.name]: adminUsers.usersUpdate,
  [adminUsers.usersResetSecret.name]: adminUsers.usersResetSecret,
  [policies.policiesList.name]: policies.policiesList,
  [policies.policiesPreview.name]: policies.policiesPreview,
  [policies.policiesPublish.name]: policies.policiesPublish,
  [devices.devicesList.name]: devices.devicesList,
  [devices.devicesEnrollmentCode.name]: devices.devicesEnrollmentCode,
  [devices.devicesRevoke.name]: devices.devicesRevoke,
  [amazonAccount.amazonAccountGet.name]: amazonAccount.amazonAccountGet,
  [amazonAccount.amazonAccountSet.name]: amazonAccount.amazonAccountSet,
  [deadlines.refundsDeadlines.name]: deadlines.refundsDeadlines,
  [orders.ordersRecent.name]: orders.ordersRecent,
  [orders.financeOrderTotals.name]: orders.financeOrderTotals,
  [settings.settingsGet.name]: settings.settingsGet,
  [settings.settingsUpdate.name]: settings.settingsUpdate,
  [audit.auditRecent.name]: audit.auditRecent,
  [audit.auditVerify.name]: audit.auditVerify,
  [sync.syncStatus.name]: sync.syncStatus,
  [sync.syncNow.name]: sync.syncNow,
  [sync.syncEnroll.name]: sync.syncEnroll,
  [sync.syncRejections.name]: sync.syncRejections,
  [returns.ordersFind.name]: returns.ordersFind,
  [returns.ordersGet.name]: returns.ordersGet,
  [returns.returnsAssess.name]: returns.returnsAssess,
  [returns.returnsCreate.name]: returns.returnsCreate,
  [returns.returnsGet.name]: returns.returnsGet,
  [returns.returnsRecent.name]: returns.returnsRecent,
  [returns.qcRecord.name]: returns.qcRecord,
  [returns.returnsDispose.name]: returns.returnsDispose,
  [returns.photosAttach.name]: returns.photosAttach,
  [returns.photosGet.name]: returns.photosGet,
  [returns.labelsPreview.name]: returns.labelsPreview,
  [returns.labelsPrint.name]: returns.labelsPrint,
  [returns.labelsSetLogo.name]: returns.labelsSetLogo,
  [manifests.manifestsCreate.name]: manifests.manifestsCreate,
  [manifests.manifestsPending.name]: manifests.manifestsPending,
  [returns.refundsRequest.name]: returns.refundsRequest,
  [returns.approvalsQueue.name]: returns.approvalsQueue,
  [returns.approvalsDecide.name]: returns.approvalsDecide,
  [offlineApprovals.approvalsOfflineChallenge.name]: offlineApprovals.approvalsOfflineChallenge,
  [offlineApprovals.approvalsOfflineEnter.name]: offlineApprovals.approvalsOfflineEnter,
  [offlineApprovals.approvalsOfflineRespond.name]: offlineApprovals.approvalsOfflineRespond,
  [printing.printersGetConfig.name]: printing.printersGetConfig,
  [printing.printersSetConfig.name]: printing.printersSetConfig,
  [printing.printersList.name]: printing.printersList,
  [printing.printersQueue.name]: printing.printersQueue,
  [printing.printersRetry.name]: printing.printersRetry,
  [printing.printersCancel.name]: printing.printersCancel,
} as const;

export type Contracts = typeof CONTRACTS;
export type CallName = keyof Contracts;
/** What the caller passes (defaults may be left out). */
export type CallInput<N extends CallName> = z.input<Contracts[N]['input']>;
/** What the handler receives, after parsing. */
export type ParsedInput<N extends CallName> = z.output<Contracts[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Contracts[N]['output']>;
export const CALL_NAMES = Object.keys(CONTRACTS) as CallName[];

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(CONTRACTS, name);
}
