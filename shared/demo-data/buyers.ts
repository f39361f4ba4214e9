import { Faker, base, de, en, en_CA, en_GB, en_US, fr, ja } from '@faker-js/faker';
import { type MarketplaceCode } from '../domain/marketplaces';
import { type Prng } from './prng';

/**
 * Buyer details as Amazon hands them to a seller: a name in the buyer's script, the masked
 * relay address Amazon substitutes for the real email (`…@marketplace.amazon.de`), and only
 * the last four digits of a phone number.
 */
export interface Buyer {
  name: string;
  email: string;
  phoneLast4: string;
}

/** The buyer locale per marketplace, each falling back to English, then to locale-free data. */
const LOCALES = {
  US: [en_US, en, base],
  CA: [en_CA, en, base],
  UK: [en_GB, en, base],
  DE: [de, en, base],
  FR: [fr, en, base],
  JP: [ja, en, base],
} as const satisfies Record<MarketplaceCode, unknown>;

const RELAY_DOMAIN: Record<MarketplaceCode, string> = {
  US: 'marketplace.amazon.com',
  CA: 'marketplace.amazon.ca',
  UK: 'marketplace.amazon.co.uk',
  DE: 'marketplace.amazon.de',
  FR: 'marketplace.amazon.fr',
  JP: 'marketplace.amazon.co.jp',
};

/**
 * Makes buyers for one generate call. The Faker instances are created here, not taken from
 * faker's shared module singletons (fakerDE…), so another module seeding or drawing from those
 * can never change our output, and ours never changes theirs.
 */
export function createBuyerFactory(rng: Prng): (marketplace: MarketplaceCode) => Buyer {
  const fakers = new Map<MarketplaceCode, Faker>();
  const fakerFor = (code: MarketplaceCode): Faker => {
    let faker = fakers.get(code);
    if (!faker) {
      faker = new Faker({ locale: [...LOCALES[code]] });
      faker.seed(rng.uint32());
      fakers.set(code, faker);
    }
    return faker;
  };

  return (marketplace) => {
    const faker = fakerFor(marketplace);
    const sex = rng.chance(0.5) ? 'female' : 'male';
    const first = faker.person.firstName(sex);
    const last = faker.person.lastName(sex);
    return {
      // Japanese names are family name first.
      name: marketplace === 'JP' ? `${last} ${first}` : `${first} ${last}`,
      email: `${rng.chars('abcdefghijklmnopqrstuvwxyz0123456789', 14)}@${RELAY_DOMAIN[marketplace]}`,
      phoneLast4: rng.digits(4),
    };
  };
}
