import { faker, fakerDE, fakerJA } from '@faker-js/faker';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MARKETPLACES, MARKETPLACE_CODES } from '../domain/marketplaces';
import { CATALOGUE, PRODUCT_CATEGORIES, generateOrders, type DemoOrder } from './index';

const REFERENCE = new Date('2026-11-21T09:30:00.000Z');
const DAY = 86_400_000;
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const isUuid = (id: string): boolean => z.uuid().safeParse(id).success;

/** The first 48 bits of a UUIDv7 as ms. */
const uuidTimeMs = (id: string): number => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

const MONEY_FIELDS = [
  'unitPriceMinor',
  'itemTaxMinor',
  'shippingMinor',
  'shippingTaxMinor',
  'promotionDiscountMinor',
] as const;

/**
 * Everything that must hold for any order the generator makes; shared by the example tests
 * and the property test. Uses expect so a failure names the broken rule.
 */
function expectOrderInvariants(order: DemoOrder, referenceMs: number): void {
  const market = MARKETPLACES[order.marketplace];
  expect(isUuid(order.id), order.id).toBe(true);
  expect(order.amazonOrderId).toMatch(/^\d{3}-\d{7}-\d{7}$/);
  expect(order.marketplaceId).toBe(market.id);
  expect(order.currency).toBe(market.currency);
  expect(order.buyerPhoneLast4).toMatch(/^\d{4}$/);
  expect(order.buyerName.trim().length).toBeGreaterThan(1);
  expect(order.buyerEmail).toMatch(/^[a-z0-9]+@marketplace\.amazon\.[a-z.]+$/);
  expect(order.shipCity.length).toBeGreaterThan(0);
  expect(order.shipPostalCode.length).toBeGreaterThan(0);

  // Time: inside the 120-day window, never after the reference time.
  expect(order.purchasedAt).toMatch(ISO_UTC_MS);
  const purchasedMs = Date.parse(order.purchasedAt);
  expect(purchasedMs).toBeLessThanOrEqual(referenceMs);
  expect(purchasedMs).toBeGreaterThanOrEqual(referenceMs - 120 * DAY);
  expect(uuidTimeMs(order.id)).toBe(purchasedMs);
  if (order.status === 'Delivered') {
    expect(order.deliveredAt).toMatch(ISO_UTC_MS);
    const deliveredMs = Date.parse(order.deliveredAt ?? '');
    expect(deliveredMs).toBeLessThanOrEqual(referenceMs);
    expect(deliveredMs - purchasedMs).toBeGreaterThanOrEqual(2 * DAY);
    expect(deliveredMs - purchasedMs).toBeLessThanOrEqual(7 * DAY);
  } else {
    expect(order.deliveredAt).toBeNull();
  }
  if (order.status === 'Unshipped') expect(referenceMs - purchasedMs).toBeLessThan(2 * DAY);

  expect(order.lines.length).toBeGreaterThanOrEqual(1);
  expect(order.lines.length).toBeLessThanOrEqual(4);
  expect(new Set(order.lines.map((l) => l.sku)).size).toBe(order.lines.length);
  for (const line of order.lines) {
    expect(isUuid(line.id), line.id).toBe(true);
    expect(uuidTimeMs(line.id)).toBe(purchasedMs);
    expect(line.orderItemId).toMatch(/^[1-9]\d{13}$/);
    expect(line.asin).toMatch(/^B0[0-9A-Z]{8}$/);
    expect(PRODUCT_CATEGORIES).toContain(line.category);
    expect(Number.isSafeInteger(line.quantity)).toBe(true);
    expect(line.quantity).toBeGreaterThanOrEqual(1);
    expect(line.quantity).toBeLessThanOrEqual(3);
    for (const field of MONEY_FIELDS) {
      expect(Number.isSafeInteger(line[field]), `${field} = ${line[field]}`).toBe(true);
      expect(line[field], field).toBeGreaterThanOrEqual(0);
    }
    const gross = line.unitPriceMinor * line.quantity;
    expect(line.unitPriceMinor).toBeGreaterThan(0);
    expect(line.promotionDiscountMinor).toBeLessThan(gross);
    const net = gross - line.promotionDiscountMinor;
    // No rate in use exceeds 20 % (VAT inside a price is at most 20/120 of it), plus rounding.
    expect(line.itemTaxMinor).toBeLessThanOrEqual(Math.ceil(net * 0.2) + 1);
    expect(line.shippingTaxMinor).toBeLessThanOrEqual(Math.ceil(line.shippingMinor * 0.2) + 1);
    if (line.shippingMinor === 0) expect(line.shippingTaxMinor).toBe(0);
    if (line.serialNumber !== null) expect(line.quantity).toBe(1);
    if (order.currency === 'JPY') {
      // Yen have no minor unit: shelf prices look like ¥980 … ¥59,800, never like cents.
      expect(line.unitPriceMinor).toBeGreaterThanOrEqual(500);
      expect(line.unitPriceMinor % 10).toBe(0);
    } else {
      expect(line.unitPriceMinor % 100).toBe(99);
    }
  }
}

describe('generateOrders', () => {
  const orders = generateOrders({ referenceTime: REFERENCE });

  it('makes 600 orders by default', () => {
    expect(orders).toHaveLength(600);
  });

  it('gives the same orders for the same options', () => {
    expect(generateOrders({ referenceTime: REFERENCE })).toEqual(orders);
    expect(generateOrders({ referenceTime: REFERENCE, seed: 20261121, count: 600 })).toEqual(
      orders,
    );
    expect(generateOrders({ referenceTime: new Date(REFERENCE), seed: 7, count: 50 })).toEqual(
      generateOrders({ referenceTime: new Date(REFERENCE), seed: 7, count: 50 }),
    );
  });

  it('gives different orders for a different seed', () => {
    const other = generateOrders({ referenceTime: REFERENCE, seed: 20261122 });
    expect(other.map((o) => o.amazonOrderId)).not.toEqual(orders.map((o) => o.amazonOrderId));
    // Seeds beyond 32 bits are not truncated onto small ones.
    const big = generateOrders({ referenceTime: REFERENCE, seed: 2 ** 32 + 1, count: 5 });
    const small = generateOrders({ referenceTime: REFERENCE, seed: 1, count: 5 });
    expect(big).not.toEqual(small);
  });

  it('does not depend on, or disturb, faker’s shared instances', () => {
    faker.seed(1);
    fakerDE.seed(2);
    fakerJA.seed(3);
    const before = [
      faker.person.firstName(),
      fakerDE.person.firstName(),
      fakerJA.person.firstName(),
    ];
    const again = generateOrders({ referenceTime: REFERENCE, count: 80 });
    faker.seed(1);
    fakerDE.seed(2);
    fakerJA.seed(3);
    const interleaved = generateOrders({ referenceTime: REFERENCE, count: 80 });
    expect([
      faker.person.firstName(),
      fakerDE.person.firstName(),
      fakerJA.person.firstName(),
    ]).toEqual(before);
    expect(interleaved).toEqual(again);
    expect(again).toEqual(generateOrders({ referenceTime: REFERENCE, count: 80 }));
  });

  it('keeps every invariant on every order', () => {
    for (const order of orders) expectOrderInvariants(order, REFERENCE.getTime());
  });

  it('gives unique Amazon order ids, order ids, line ids and order item ids', () => {
    const unique = (values: string[]): void => expect(new Set(values).size).toBe(values.length);
    unique(orders.map((o) => o.amazonOrderId));
    unique(orders.map((o) => o.id));
    unique(orders.flatMap((o) => o.lines.map((l) => l.id)));
    unique(orders.flatMap((o) => o.lines.map((l) => l.orderItemId)));
  });

  it('sorts orders by purchase time', () => {
    const times = orders.map((o) => o.purchasedAt);
    expect([...times].sort()).toEqual(times);
  });

  it('covers every marketplace, the US most', () => {
    const perMarket = new Map(
      MARKETPLACE_CODES.map((m) => [m, orders.filter((o) => o.marketplace === m).length]),
    );
    for (const [market, n] of perMarket) expect(n, market).toBeGreaterThan(0);
    const us = perMarket.get('US') ?? 0;
    for (const [market, n] of perMarket) if (market !== 'US') expect(us, market).toBeGreaterThan(n);
    // Even a tiny run has each marketplace once.
    expect(
      new Set(generateOrders({ referenceTime: REFERENCE, count: 6 }).map((o) => o.marketplace))
        .size,
    ).toBe(6);
  });

  it('spreads orders over the 120 days and mostly delivers the older ones', () => {
    const ages = orders.map((o) => (REFERENCE.getTime() - Date.parse(o.purchasedAt)) / DAY);
    expect(Math.max(...ages)).toBeGreaterThan(100);
    expect(Math.min(...ages)).toBeLessThan(5);
    const older = orders.filter((o) => REFERENCE.getTime() - Date.parse(o.purchasedAt) > 10 * DAY);
    const delivered = older.filter((o) => o.status === 'Delivered').length;
    expect(delivered / older.length).toBeGreaterThan(0.9);
    const canceled = orders.filter((o) => o.status === 'Canceled').length;
    expect(canceled).toBeGreaterThan(0);
    expect(canceled / orders.length).toBeLessThan(0.1);
  });

  it('varies the lines: categories, serials, promotions, shipping charges', () => {
    const lines = orders.flatMap((o) => o.lines);
    expect(new Set(lines.map((l) => l.category))).toEqual(new Set(PRODUCT_CATEGORIES));
    expect(lines.some((l) => l.serialNumber !== null)).toBe(true);
    expect(lines.some((l) => l.quantity > 1)).toBe(true);
    expect(orders.some((o) => o.lines.length === 4)).toBe(true);
    const promoShare = lines.filter((l) => l.promotionDiscountMinor > 0).length / lines.length;
    expect(promoShare).toBeGreaterThan(0.08);
    expect(promoShare).toBeLessThan(0.25);
    expect(lines.some((l) => l.shippingMinor > 0 && l.shippingTaxMinor > 0)).toBe(true);
    expect(lines.some((l) => l.shippingMinor === 0)).toBe(true);
    expect(new Set(orders.map((o) => o.fulfillment))).toEqual(new Set(['AFN', 'MFN']));
  });

  it('writes titles in the marketplace’s language', () => {
    const titleOf = (sku: string, lang: 'en' | 'de' | 'fr' | 'ja'): string | undefined =>
      CATALOGUE.find((p) => p.sku === sku)?.title[lang];
    const expected = { US: 'en', CA: 'en', UK: 'en', DE: 'de', FR: 'fr', JP: 'ja' } as const;
    for (const o of orders) {
      for (const l of o.lines) expect(l.title).toBe(titleOf(l.sku, expected[o.marketplace]));
    }
    expect(orders.find((o) => o.marketplace === 'JP')?.buyerName).toMatch(
      /[\u3040-\u30ff\u4e00-\u9fff]/,
    );
  });

  it('computes tax the way each marketplace reports it', () => {
    for (const o of orders) {
      for (const l of o.lines) {
        const net = l.unitPriceMinor * l.quantity - l.promotionDiscountMinor;
        if (o.marketplace === 'JP') expect(l.itemTaxMinor).toBe(Math.round((net * 10) / 110));
        if (o.marketplace === 'DE' && l.category !== 'books_media') {
          expect(l.itemTaxMinor).toBe(Math.round((net * 19) / 119));
        }
        if (o.marketplace === 'US') {
          // Added sales tax between 6 and 10.35 %.
          expect(l.itemTaxMinor).toBeGreaterThanOrEqual(Math.floor(net * 0.06));
          expect(l.itemTaxMinor).toBeLessThanOrEqual(Math.ceil(net * 0.1035));
        }
      }
    }
  });

  it('keeps JPY amounts yen-sized and USD amounts cent-sized', () => {
    const avgPrice = (currency: string): number => {
      const lines = orders.filter((o) => o.currency === currency).flatMap((o) => o.lines);
      return lines.reduce((s, l) => s + l.unitPriceMinor, 0) / lines.length;
    };
    // ¥ per $ (in minor units): roughly 150 yen for 100 cents.
    const ratio = avgPrice('JPY') / avgPrice('USD');
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(2.5);
  });

  it('honours count, including zero, and rejects nonsense options', () => {
    expect(generateOrders({ referenceTime: REFERENCE, count: 0 })).toEqual([]);
    expect(generateOrders({ referenceTime: REFERENCE, count: 3 })).toHaveLength(3);
    expect(() => generateOrders({ referenceTime: REFERENCE, count: -1 })).toThrow(RangeError);
    expect(() => generateOrders({ referenceTime: REFERENCE, count: 1.5 })).toThrow(RangeError);
    expect(() => generateOrders({ referenceTime: new Date('nope') })).toThrow(RangeError);
    expect(() => generateOrders({ referenceTime: REFERENCE, seed: Number.NaN })).toThrow(
      RangeError,
    );
  });

  it('keeps the invariants for any seed, count and reference time (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.maxSafeNat()),
        fc.integer({ min: 0, max: 40 }),
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (seed, count, referenceTime) => {
          const generated = generateOrders({ seed, count, referenceTime });
          expect(generated).toHaveLength(count);
          for (const order of generated) expectOrderInvariants(order, referenceTime.getTime());
          expect(new Set(generated.map((o) => o.amazonOrderId)).size).toBe(count);
        },
      ),
      { numRuns: 150 },
    );
  });
});
