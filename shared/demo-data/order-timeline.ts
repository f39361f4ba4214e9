import { type DemoOrder } from './types';
import { type Prng } from './prng';

/**
 * When an order was bought and how far it has got by the reference time. Orders older than a
 * week are almost all delivered (a few stay "Shipped": lost parcels the counter still sees);
 * the last two days hold the unshipped ones; a few of any age were canceled.
 */

const SECOND = 1000;
const DAY = 86_400 * SECOND;
export const ORDER_WINDOW_DAYS = 120;

export interface Timeline {
  purchasedMs: number;
  deliveredMs: number | null;
  status: DemoOrder['status'];
}

export function orderTimeline(rng: Prng, referenceMs: number): Timeline {
  // Whole seconds, as Amazon reports them; at least five minutes before the reference time
  // and, rounded up, never earlier than the start of the window.
  const offsetSeconds = rng.int(5 * 60, ORDER_WINDOW_DAYS * 86_400);
  const purchasedMs = Math.ceil((referenceMs - offsetSeconds * SECOND) / SECOND) * SECOND;
  const ageMs = referenceMs - purchasedMs;

  if (rng.chance(0.03)) return { purchasedMs, deliveredMs: null, status: 'Canceled' };
  if (ageMs < DAY) {
    return { purchasedMs, deliveredMs: null, status: rng.chance(0.55) ? 'Unshipped' : 'Shipped' };
  }
  if (ageMs < 2 * DAY) {
    return { purchasedMs, deliveredMs: null, status: rng.chance(0.1) ? 'Unshipped' : 'Shipped' };
  }
  const deliveredMs = purchasedMs + rng.int(2 * 86_400, 7 * 86_400) * SECOND;
  const lostInTransit = rng.chance(0.02);
  if (deliveredMs <= referenceMs && !lostInTransit) {
    return { purchasedMs, deliveredMs, status: 'Delivered' };
  }
  return { purchasedMs, deliveredMs: null, status: 'Shipped' };
}
