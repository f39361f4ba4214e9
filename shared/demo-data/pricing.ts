import { type Currency } from '../domain/money';
import { divRoundHalfUp, roundToStep } from './integer-math';

/**
 * Shelf prices per marketplace, derived from one US reference price. The factors are retail
 * price levels, not exchange rates: EU and UK prices include VAT, so €49.99 sits where $49.99
 * does. Then prices are rounded the way shops round them: $39.99, €39,99, ¥3,980, ¥29,800.
 */

/** Local minor units per US dollar of reference price. */
const PRICE_LEVEL: Record<Currency, number> = {
  USD: 100,
  CAD: 135,
  GBP: 90,
  EUR: 100,
  MXN: 1800,
  JPY: 150,
};

/** Ends in .99: round to whole units, then one minor unit less. */
function charmCents(minor: number): number {
  const units = Math.max(1, divRoundHalfUp(minor, 100));
  return units * 100 - 1;
}

/** Japanese shelf prices: ¥980, ¥1,480, ¥3,980, ¥12,800, ¥29,800. */
function charmYen(yen: number): number {
  if (yen < 1000) return Math.max(100, roundToStep(yen, 100)) - 20;
  if (yen < 10000) return roundToStep(yen, 500) - 20;
  return roundToStep(yen, 1000) - 200;
}

export function shelfPriceMinor(usdCents: number, currency: Currency): number {
  const local = divRoundHalfUp(usdCents * PRICE_LEVEL[currency], 100);
  return currency === 'JPY' ? charmYen(local) : charmCents(local);
}

/**
 * A fixed-amount coupon ("$5 off") in the currency's minor units; the percentage promotions
 * need no table.
 */
export const COUPON_MINOR: Record<Currency, number> = {
  USD: 500,
  CAD: 500,
  GBP: 500,
  EUR: 500,
  MXN: 10000,
  JPY: 500,
};
