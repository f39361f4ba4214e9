import { eq } from 'drizzle-orm';
import { deleteApproval } from '../../../db/repositories/offline-approvals';
import { approvalOfRequest, refundRequestById } from '../../../db/repositories/returns';
import { refundRequests } from '../../../db/schema';
import type { PushedMutation } from '../../../shared/sync/protocol';
import type { SyncSession } from './session';
import { auditBackOfficeVerdict } from './verdict-audit';

/**
 * The back office refused a refund request made here (another till of the store refunded the
 * same line first, so this one would pay more than was paid; an order it does not know…). The
 * back office never holds the request, so no pull will ever change it: without this it would
 * wait at the counter forever. It is marked rejected here, with the back office's reason for
 * the clerk, any policy approval of it removed, and the marking audited. Runs inside the push
 * answer's transaction.
 */
export function markRefusedRefundRequest(
  session: SyncSession,
  mutation: PushedMutation,
  rejection: { code: string; reason: string },
  at: string,
): boolean {
  if (mutation.name !== 'refunds.request') return false;
  const requestId = (mutation.args as { id?: unknown } | null)?.id;
  if (typeof requestId !== 'string') return false;
  const { db } = session;
  const request = refundRequestById(db, requestId);
  if (!request || (request.status !== 'pending_approval' && request.status !== 'approved'))
    return false;
  const approval = approvalOfRequest(db, request.id);
  // A confirmed decision came from the back office: the request is known there after all.
  if (approval?.confirmedAt) return false;
  if (approval) deleteApproval(db, approval.id);
  const reason = `The back office refused this refund (${rejection.code}): ${rejection.reason}`;
  db.update(refundRequests)
    .set({ status: 'rejected', rejectionReason: reason })
    .where(eq(refundRequests.id, request.id))
    .run();
  auditBackOfficeVerdict(session, {
    storeId: request.storeId,
    action: 'refunds.refusedByBackOffice',
    entityType: 'refund_request',
    entityId: request.id,
    before: { status: request.status },
    after: { status: 'rejected', code: rejection.code, reason: rejection.reason },
    at,
  });
  return true;
}
