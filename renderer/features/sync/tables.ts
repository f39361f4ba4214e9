import type { SyncTable } from '../../../shared/sync/protocol';

/**
 * Which tables a screen shows, for `useCall(…, { refreshOn })`: when a pull brings rows of
 * these, the screen reads again.
 */
export const RETURN_TABLES = [
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
] as const satisfies readonly SyncTable[];

export const APPROVAL_TABLES = [
  'refundRequests',
  'approvals',
  'returns',
] as const satisfies readonly SyncTable[];
