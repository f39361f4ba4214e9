import {
  DEFAULT_APPROVAL_POLICY,
  serialReturnerSignal,
  type RiskSignal,
} from '../../../shared/domain/returns';
import { statement } from '../../../db/statements';
import type { HandlerContext } from '../context';

/**
 * Risk signals the desktop can compute from what it holds (DESIGN.md §8). The back office
 * adds cross-store history when it syncs (a later issue).
 */
export function riskSignalsFor(
  ctx: HandlerContext,
  input: {
    buyerEmail: string;
    outsideWindow: boolean;
    overridden: boolean;
    serialMismatch: boolean;
    /** The return being refunded, so it does not count against the buyer as an earlier one. */
    excludeReturnId?: string;
  },
): RiskSignal[] {
  const earlier = statement(
    ctx.db.$client,
    `SELECT r.created_at AS at FROM returns r JOIN orders o ON o.id = r.order_id
      WHERE o.buyer_email = ? AND r.id != ? AND r.status != 'cancelled'`,
  )
    .all(input.buyerEmail, input.excludeReturnId ?? '')
    .map((row) => (row as { at: string }).at);
  const signals: RiskSignal[] = [];
  const serial = serialReturnerSignal(earlier, ctx.nowIso(), DEFAULT_APPROVAL_POLICY);
  if (serial) signals.push(serial);
  if (input.outsideWindow) signals.push({ code: 'OUTSIDE_WINDOW' });
  if (input.overridden) signals.push({ code: 'ELIGIBILITY_OVERRIDDEN' });
  if (input.serialMismatch) signals.push({ code: 'SERIAL_MISMATCH' });
  return signals;
}
