import { type MarketplaceCode } from '../domain/marketplaces';
import { applyRate, divRoundHalfUp } from './integer-math';

/**
 * How Amazon's ItemTax / ShippingTax come about in each marketplace. Rates are in thousandths
 * of a percent (8.875 % = 8875) so every rate in use is an integer.
 *
 * - US and CA: tax is added on top of the price, at the rate of the ship-to state or province.
 * - UK, EU, JP: prices include VAT; Amazon still reports the VAT inside the price as item tax.
 *
 * Rates are plausible approximations for demo data, not a tax engine.
 */
export const RATE_SCALE = 100_000;

export type TaxRule =
  { kind: 'added'; rate: number; taxesShipping: boolean } | { kind: 'included'; rate: number };

/** Tax on a net amount (after promotions) under `rule`. */
export function taxOn(amountMinor: number, rule: TaxRule): number {
  if (rule.kind === 'added') return applyRate(amountMinor, rule.rate, RATE_SCALE);
  // The VAT inside a gross price: gross × r / (1 + r).
  return divRoundHalfUp(amountMinor * rule.rate, RATE_SCALE + rule.rate);
}

export function shippingTaxOn(amountMinor: number, rule: TaxRule): number {
  if (rule.kind === 'added' && !rule.taxesShipping) return 0;
  return taxOn(amountMinor, rule);
}

type VatMarketplace = Extract<MarketplaceCode, 'UK' | 'DE' | 'FR' | 'JP'>;

/** Standard VAT, and the reduced rate for printed books (UK zero-rates them). */
const VAT: Record<VatMarketplace, { standard: number; printedBooks: number }> = {
  UK: { standard: 20_000, printedBooks: 0 },
  DE: { standard: 19_000, printedBooks: 7_000 },
  FR: { standard: 20_000, printedBooks: 5_500 },
  JP: { standard: 10_000, printedBooks: 10_000 },
};

export function isVatMarketplace(code: MarketplaceCode): code is VatMarketplace {
  return code in VAT;
}

export function vatRule(code: VatMarketplace, printedBook: boolean): TaxRule {
  const rates = VAT[code];
  return { kind: 'included', rate: printedBook ? rates.printedBooks : rates.standard };
}
