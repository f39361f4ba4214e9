import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../database/client';
import { approvals, refundRequests } from '../database/schema';

/**
 * The refund requests the executor (DESIGN.md §7) may take: approved, with a live approval that
 * the back office confirmed (`confirmed_at`). An offline-code approval is confirmed only once its
 * part B or signed token checked out (sync/rules/offline-proof.ts); until then the store shows
 * it "approved offline, awaiting back-office confirmation" and no money moves.
 */
export async function executableRefundRequests(
  db: Db,
): Promise<{ id: string; approvalId: string; method: string | null; confirmedAt: Date }[]> {
  const rows = await db
    .select({
      id: refundRequests.id,
      approvalId: approvals.id,
      method: approvals.method,
      confirmedAt: approvals.confirmedAt,
    })
    .from(refundRequests)
    .innerJoin(
      approvals,
      and(
        eq(approvals.refundRequestId, refundRequests.id),
        isNull(approvals.beatenAt),
        eq(approvals.decision, 'approved'),
      ),
    )
    .where(and(eq(refundRequests.status, 'approved'), isNotNull(approvals.confirmedAt)));
  return rows.map((r) => ({ ...r, confirmedAt: r.confirmedAt! }));
}
