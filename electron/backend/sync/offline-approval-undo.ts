import { deleteApproval } from '../../../db/repositories/offline-approvals';
import {
  approvalOfRequest,
  refundRequestById,
  setRefundStatus,
} from '../../../db/repositories/returns';
import type { PushedMutation } from '../../../shared/sync/protocol';
import type { SyncSession } from './session';
import { auditBackOfficeVerdict } from './verdict-audit';

/**
 * The back office refused an approval made here with an offline code (its part B did not check
 * out, the manager's key was revoked, the amount differs, or another decision came first): the
 * approval was never confirmed, so it is taken back — removed, the request waiting for a manager
 * again — and the undoing is audited. Runs inside the push answer's transaction.
 */
export function undoRejectedOfflineApproval(
  session: SyncSession,
  mutation: PushedMutation,
  rejection: { code: string; reason: string },
  at: string,
): boolean {
  if (mutation.name !== 'approvals.offlineEnter') return false;
  const args = mutation.args as { approvalId?: unknown; refundRequestId?: unknown } | null;
  if (typeof args?.approvalId !== 'string' || typeof args.refundRequestId !== 'string')
    return false;
  const { db } = session;
  const approval = approvalOfRequest(db, args.refundRequestId);
  const request = refundRequestById(db, args.refundRequestId);
  // Already replaced by the back office's own decision, or confirmed after all: leave it.
  if (!approval || approval.id !== args.approvalId || approval.confirmedAt || !request)
    return false;
  deleteApproval(db, approval.id);
  if (request.status === 'approved') setRefundStatus(db, request.id, 'pending_approval');
  // Not a change of ours to send: the back office never had the approval.
  auditBackOfficeVerdict(session, {
    storeId: request.storeId,
    action: 'approvals.offlineUndone',
    entityType: 'approval',
    entityId: approval.id,
    before: approval,
    after: { status: 'pending_approval', rejectedCode: rejection.code, reason: rejection.reason },
    at,
  });
  return true;
}
