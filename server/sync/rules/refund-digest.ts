import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * What an approval is bound to (DESIGN.md §5): the request's id, order, currency, total and
 * lines — byte for byte the desktop's digest (electron/backend/returns/digest.ts; server/ may
 * not import it, and refund-digest.test.ts proves the two agree).
 */
export function refundDigest(request: {
  id: string;
  orderId: string;
  currency: string;
  totalMinor: number;
  lines: { orderLineId: string; units: number; totalMinor: number }[];
}): string {
  const lines = [...request.lines]
    .map((l) => ({ orderLineId: l.orderLineId, units: l.units, totalMinor: l.totalMinor }))
    .sort((a, b) => a.orderLineId.localeCompare(b.orderLineId));
  const text = canonicalize({
    id: request.id,
    orderId: request.orderId,
    currency: request.currency,
    totalMinor: request.totalMinor,
    lines,
  });
  return createHash('sha256')
    .update(text ?? '')
    .digest('hex');
}
