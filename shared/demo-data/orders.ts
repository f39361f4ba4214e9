import { MARKETPLACES, MARKETPLACE_CODES, type MarketplaceCode } from '../domain/marketplaces';
import { amazonOrderId } from './amazon-identifiers';
import { createBuyerFactory } from './buyers';
import { generateLines } from './order-lines';
import { orderTimeline } from './order-timeline';
import { prngFromSeed, type Prng } from './prng';
import { SHIP_TO, postalCodeFrom } from './ship-to';
import { type DemoOrder, type GenerateOrdersOptions } from './types';
import { uuidV7 } from './uuid-v7';

export const DEFAULT_ORDER_SEED = 20261121;
export const DEFAULT_ORDER_COUNT = 600;

/** Relative order volume per marketplace: the US is the chain's biggest market. */
const MARKETPLACE_WEIGHTS: readonly (readonly [MarketplaceCode, number])[] = [
  ['US', 38],
  ['DE', 16],
  ['JP', 15],
  ['UK', 13],
  ['FR', 10],
  ['CA', 8],
];

/** Share of orders Amazon fulfils from its own warehouses (FBA); the rest the chain ships. */
const AFN_SHARE = 0.65;

/**
 * Every marketplace at least once when there are enough orders (so each store's counter has
 * something to find), the rest by weight.
 */
function marketplacePlan(rng: Prng, count: number): MarketplaceCode[] {
  const plan: MarketplaceCode[] = count >= MARKETPLACE_CODES.length ? [...MARKETPLACE_CODES] : [];
  while (plan.length < count) plan.push(rng.weighted(MARKETPLACE_WEIGHTS));
  return plan;
}

function validate(options: GenerateOrdersOptions): {
  seed: number;
  count: number;
  referenceMs: number;
} {
  const seed = options.seed ?? DEFAULT_ORDER_SEED;
  const count = options.count ?? DEFAULT_ORDER_COUNT;
  const referenceMs = options.referenceTime.getTime();
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`count must be a non-negative integer, got ${count}`);
  }
  if (!Number.isFinite(referenceMs)) throw new RangeError('referenceTime is not a valid date');
  return { seed, count, referenceMs };
}

/**
 * Amazon orders for the demo, all in the 120 days before `referenceTime` and sorted by purchase
 * time. Pure: the same options give the same orders, on any machine, in any process.
 */
export function generateOrders(options: GenerateOrdersOptions): DemoOrder[] {
  const { seed, count, referenceMs } = validate(options);
  const rng = prngFromSeed(seed);
  const buyerFor = createBuyerFactory(rng);
  const takenOrderIds = new Set<string>();
  const takenItemIds = new Set<string>();

  const orders = marketplacePlan(rng, count).map((marketplace): DemoOrder => {
    const { id: marketplaceId, currency } = MARKETPLACES[marketplace];
    const timeline = orderTimeline(rng, referenceMs);
    const fulfillment = rng.chance(AFN_SHARE) ? 'AFN' : 'MFN';
    const shipTo = rng.pick(SHIP_TO[marketplace]);
    const buyer = buyerFor(marketplace);
    return {
      id: uuidV7(rng, timeline.purchasedMs),
      amazonOrderId: amazonOrderId(rng, marketplace, takenOrderIds),
      marketplace,
      marketplaceId,
      currency,
      purchasedAt: new Date(timeline.purchasedMs).toISOString(),
      deliveredAt:
        timeline.deliveredMs === null ? null : new Date(timeline.deliveredMs).toISOString(),
      status: timeline.status,
      fulfillment,
      buyerName: buyer.name,
      buyerEmail: buyer.email,
      buyerPhoneLast4: buyer.phoneLast4,
      shipCity: shipTo.city,
      shipPostalCode: postalCodeFrom(rng.pick(shipTo.postalPatterns), rng),
      lines: generateLines(rng, {
        marketplace,
        fulfillment,
        purchasedMs: timeline.purchasedMs,
        salesTax: shipTo.salesTax,
        takenItemIds,
      }),
    };
  });

  // ISO strings of one format sort as time; the order id breaks ties, so the order is total.
  // Code-unit comparison, not localeCompare: the result must not depend on the ICU build.
  const byText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return orders.sort(
    (a, b) => byText(a.purchasedAt, b.purchasedAt) || byText(a.amazonOrderId, b.amazonOrderId),
  );
}
