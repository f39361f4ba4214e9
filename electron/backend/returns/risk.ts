import {
  serialReturnerSignal,
  type ApprovalPolicy,
  type RiskSignal,
} from '../../../shared/domain/returns';
import type { EffectivePolicyRules } from '../../../shared/domain/policy/policy-set';
import { statement } from '../../../db/statements';
import type { HandlerContext } from '../context';

/**
 * Risk signals the desktop can compute from what it holds (DESIGN.md §8). A desktop that syncs
 * holds the returns of every store in its reach, so "earlier returns by this buyer" spans them.
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
    /** SKUs coming back in this return: the same buyer returning one again is a signal. */
    skus?: readonly string[];
    /** The order lines being refunded: what Amazon refunded of them by itself is a signal. */
    orderLineIds?: readonly string[];
    rules: Pick<EffectivePolicyRules, 'serialReturner' | 'repeatedSku'>;
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
  const serial = serialReturnerSignal(earlier, ctx.nowIso(), {
    serialReturner: input.rules.serialReturner,
  } as ApprovalPolicy);
  if (serial) signals.push(serial);
  const repeated = repeatedSkuSignal(ctx, input);
  if (repeated) signals.push(repeated);
  const already = alreadyRefundedSignal(ctx, input.orderLineIds ?? []);
  if (already) signals.push(already);
  if (input.outsideWindow) signals.push({ code: 'OUTSIDE_WINDOW' });
  if (input.overridden) signals.push({ code: 'ELIGIBILITY_OVERRIDDEN' });
  if (input.serialMismatch) signals.push({ code: 'SERIAL_MISMATCH' });
  return signals;
}

/** REPEATED_SKU: the buyer sent back one of these SKUs before, within the policy's window. */
function repeatedSkuSignal(
  ctx: HandlerContext,
  input: {
    buyerEmail: string;
    excludeReturnId?: string;
    skus?: readonly string[];
    rules: Pick<EffectivePolicyRules, 'repeatedSku'>;
  },
): RiskSignal | null {
  if (!input.skus?.length) return null;
  const { returns: threshold, days } = input.rules.repeatedSku;
  const since = new Date(ctx.now() - days * 86_400_000).toISOString();
  let most = 0;
  for (const sku of new Set(input.skus)) {
    const row = statement(
      ctx.db.$client,
      `SELECT count(*) AS n FROM return_lines rl
         JOIN returns r ON r.id = rl.return_id JOIN orders o ON o.id = r.order_id
         JOIN order_lines ol ON ol.id = rl.order_line_id
        WHERE o.buyer_email = ? AND ol.sku = ? AND r.id != ? AND r.status != 'cancelled'
          AND r.created_at >= ?`,
    ).get(input.buyerEmail, sku, input.excludeReturnId ?? '', since) as { n: number };
    most = Math.max(most, row.n);
  }
  return most >= threshold ? { code: 'REPEATED_SKU', params: { returns: most, days } } : null;
}

/**
 * ALREADY_REFUNDED: Amazon refunded (part of) these lines by itself — a return through Amazon,
 * an A-to-z claim — as the back office last told this desktop (`amazon_refunds`). A person
 * must look before the same money is asked for again; the back office's executor refuses to
 * pay beyond what was paid in any case.
 */
function alreadyRefundedSignal(
  ctx: HandlerContext,
  orderLineIds: readonly string[],
): RiskSignal | null {
  let refundedMinor = 0;
  let currency = '';
  for (const id of new Set(orderLineIds)) {
    const row = statement(
      ctx.db.$client,
      'SELECT refunded_minor AS minor, currency FROM amazon_refunds WHERE id = ?',
    ).get(id) as { minor: number; currency: string } | undefined;
    if (row) {
      refundedMinor += row.minor;
      currency = row.currency;
    }
  }
  return refundedMinor > 0
    ? { code: 'ALREADY_REFUNDED', params: { amountMinor: refundedMinor, currency } }
    : null;
}
