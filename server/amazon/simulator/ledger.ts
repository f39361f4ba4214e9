import { type LinePaid } from './order-json';

/** One refund Amazon actually applied (from a processed Order Adjustment feed). */
export interface LedgerEntry {
  merchantAdjustmentItemId: string;
  amazonOrderId: string;
  orderItemId: string;
  currency: string;
  /** Component Type → amount in minor units, as submitted (all >= 0). */
  components: Record<string, number>;
  /** What the buyer got back: refunded components minus any restocking fee kept. */
  refundedMinor: number;
  feedId: string;
  appliedAtMs: number;
}

export type LedgerDecision =
  { ok: true; entry: LedgerEntry } | { ok: false; code: string; description: string };

const REFUND_COMPONENTS: (keyof LinePaid)[] = ['Principal', 'Tax', 'Shipping', 'ShippingTax'];

/**
 * The refunds the simulated Amazon has paid. Each MerchantAdjustmentItemID is applied at most
 * once, and no component of a line is ever refunded beyond what the buyer paid for it.
 */
export class RefundLedger {
  private readonly entries: LedgerEntry[] = [];
  private readonly byItemId = new Map<string, LedgerEntry>();

  apply(candidate: Omit<LedgerEntry, 'refundedMinor'>, paid: LinePaid): LedgerDecision {
    if (this.byItemId.has(candidate.merchantAdjustmentItemId)) {
      return {
        ok: false,
        code: '18028',
        description: `Duplicate MerchantAdjustmentItemID ${candidate.merchantAdjustmentItemId}: this adjustment was already processed.`,
      };
    }
    const unknown = Object.keys(candidate.components).filter(
      (t) => t !== 'RestockingFee' && !REFUND_COMPONENTS.includes(t as keyof LinePaid),
    );
    if (unknown.length > 0) {
      return {
        ok: false,
        code: '8026',
        description: `Component type not supported here: ${unknown.join(', ')}`,
      };
    }
    const before = this.refundedComponents(candidate.amazonOrderId, candidate.orderItemId);
    for (const type of REFUND_COMPONENTS) {
      const wanted = (before[type] ?? 0) + (candidate.components[type] ?? 0);
      if (wanted > paid[type]) {
        return {
          ok: false,
          code: '18010',
          description: `The ${type} refund (${wanted} in total) exceeds the amount paid (${paid[type]}) for order item ${candidate.orderItemId}.`,
        };
      }
    }
    const refunded = REFUND_COMPONENTS.reduce((sum, t) => sum + (candidate.components[t] ?? 0), 0);
    const fee = candidate.components.RestockingFee ?? 0;
    if (fee > refunded) {
      return { ok: false, code: '18010', description: 'The restocking fee exceeds the refund.' };
    }
    const entry: LedgerEntry = { ...candidate, refundedMinor: refunded - fee };
    this.entries.push(entry);
    this.byItemId.set(entry.merchantAdjustmentItemId, entry);
    return { ok: true, entry };
  }

  all(): readonly LedgerEntry[] {
    return this.entries;
  }

  forOrder(amazonOrderId: string): LedgerEntry[] {
    return this.entries.filter((e) => e.amazonOrderId === amazonOrderId);
  }

  private refundedComponents(amazonOrderId: string, orderItemId: string): Record<string, number> {
    const totals: Record<string, number> = {};
    for (const e of this.entries) {
      if (e.amazonOrderId !== amazonOrderId || e.orderItemId !== orderItemId) continue;
      for (const [t, v] of Object.entries(e.components)) totals[t] = (totals[t] ?? 0) + v;
    }
    return totals;
  }
}
