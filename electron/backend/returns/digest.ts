import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * What an approval is bound to (DESIGN.md §5): the request's id, order, currency, total and
 * lines. An approval whose digest no longer matches the request approves nothing.
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
  const text = canonicalize({ ...request, lines });
  return createHash('sha256')
    .update(text ?? '')
    .digest('hex');
}
