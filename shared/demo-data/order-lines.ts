import { MARKETPLACES, type MarketplaceCode } from '../domain/marketplaces';
import { orderItemId, serialNumber } from './amazon-identifiers';
import { CATALOGUE, type CatalogueEntry, type ListingLanguage } from './catalogue';
import { applyRate } from './integer-math';
import { COUPON_MINOR, shelfPriceMinor } from './pricing';
import { type Prng } from './prng';
import { shippingChargeMinor } from './shipping';
import { isVatMarketplace, shippingTaxOn, taxOn, vatRule, type TaxRule } from './tax-rules';
import { type DemoOrderLine } from './types';
import { uuidV7 } from './uuid-v7';

/** The listing language of each marketplace (Amazon.ca is served in English by default). */
const LANGUAGE: Record<MarketplaceCode, ListingLanguage> = {
  US: 'en',
  CA: 'en',
  UK: 'en',
  DE: 'de',
  FR: 'fr',
  JP: 'ja',
};

/** Share of lines with a promotion. */
const PROMOTION_SHARE = 0.15;

export interface LineContext {
  marketplace: MarketplaceCode;
  fulfillment: 'MFN' | 'AFN';
  purchasedMs: number;
  /** Sales tax of the ship-to address for US and CA; VAT markets ignore it. */
  salesTax: TaxRule | undefined;
  takenItemIds: Set<string>;
}

function taxRuleFor(ctx: LineContext, printedBook: boolean): TaxRule {
  if (isVatMarketplace(ctx.marketplace)) return vatRule(ctx.marketplace, printedBook);
  if (!ctx.salesTax) throw new Error(`no sales tax for a ${ctx.marketplace} destination`);
  return ctx.salesTax;
}

/** A percentage off (10–20 %) or, on bigger lines, a fixed coupon. Never more than the line. */
function promotionMinor(rng: Prng, grossMinor: number, marketplace: MarketplaceCode): number {
  if (!rng.chance(PROMOTION_SHARE)) return 0;
  const coupon = COUPON_MINOR[MARKETPLACES[marketplace].currency];
  if (grossMinor >= 4 * coupon && rng.chance(0.4)) return coupon;
  return applyRate(grossMinor, rng.pick([10, 15, 20]), 100);
}

/** Serialised items are sold one per line so each line's serial names exactly one unit. */
function quantityFor(rng: Prng, product: CatalogueEntry): number {
  if (product.serialPrefix) return 1;
  return rng.weighted([
    [1, 82],
    [2, 13],
    [3, 5],
  ]);
}

export function generateLines(rng: Prng, ctx: LineContext): DemoOrderLine[] {
  const lineCount = rng.weighted([
    [1, 60],
    [2, 25],
    [3, 10],
    [4, 5],
  ]);
  // Distinct products: Amazon puts repeat units of one product on one line.
  const products = rng.shuffle(CATALOGUE).slice(0, lineCount);
  const currency = MARKETPLACES[ctx.marketplace].currency;

  const lines = products.map((product): DemoOrderLine => {
    const quantity = quantityFor(rng, product);
    const unitPriceMinor = shelfPriceMinor(product.usdCents, currency);
    const grossMinor = unitPriceMinor * quantity;
    const promotionDiscountMinor = promotionMinor(rng, grossMinor, ctx.marketplace);
    return {
      id: uuidV7(rng, ctx.purchasedMs),
      orderItemId: orderItemId(rng, ctx.takenItemIds),
      sku: product.sku,
      asin: product.asin,
      title: product.title[LANGUAGE[ctx.marketplace]],
      category: product.category,
      quantity,
      unitPriceMinor,
      itemTaxMinor: taxOn(
        grossMinor - promotionDiscountMinor,
        taxRuleFor(ctx, product.printedBook ?? false),
      ),
      shippingMinor: 0,
      shippingTaxMinor: 0,
      promotionDiscountMinor,
      serialNumber: product.serialPrefix ? serialNumber(rng, product.serialPrefix) : null,
    };
  });

  // Amazon reports shipping per item; the demo books an order's whole charge on its first line.
  const subtotal = lines.reduce(
    (sum, l) => sum + l.unitPriceMinor * l.quantity - l.promotionDiscountMinor,
    0,
  );
  const shipping = shippingChargeMinor(rng, ctx.marketplace, ctx.fulfillment, subtotal);
  const first = lines[0];
  if (first && shipping > 0) {
    first.shippingMinor = shipping;
    first.shippingTaxMinor = shippingTaxOn(shipping, taxRuleFor(ctx, false));
  }
  return lines;
}
