import { type MarketplaceCode } from '../domain/marketplaces';
import { type Prng } from './prng';
import { type TaxRule } from './tax-rules';

/**
 * Where orders ship to: real cities with postal codes in each country's format, so that search
 * by postcode and address display look right. Cities are written as Amazon returns them (JP
 * in Japanese, DE with umlauts). US and CA destinations carry their sales tax, which is what
 * decides the order's tax there.
 *
 * Postal patterns: `#` any digit, `%` a digit 1-9, `?` a capital letter.
 */
export interface ShipTo {
  city: string;
  /** State, province or prefecture; only the tax depends on it here. */
  region: string;
  postalPatterns: readonly string[];
  /** Sales tax where it is added on top (US, CA); VAT markets take theirs from the marketplace. */
  salesTax?: TaxRule;
}

const added = (rate: number, taxesShipping: boolean): TaxRule => ({
  kind: 'added',
  rate,
  taxesShipping,
});

/** Combined state + local rates, approximately, in thousandths of a percent. */
const US: readonly ShipTo[] = [
  {
    city: 'New York',
    region: 'NY',
    postalPatterns: ['100##', '101##'],
    salesTax: added(8875, true),
  },
  { city: 'Brooklyn', region: 'NY', postalPatterns: ['112##'], salesTax: added(8875, true) },
  { city: 'Boston', region: 'MA', postalPatterns: ['021##'], salesTax: added(6250, false) },
  { city: 'Chicago', region: 'IL', postalPatterns: ['606##'], salesTax: added(10250, false) },
  { city: 'Seattle', region: 'WA', postalPatterns: ['981##'], salesTax: added(10350, true) },
  { city: 'Los Angeles', region: 'CA', postalPatterns: ['900##'], salesTax: added(9500, false) },
  { city: 'San Diego', region: 'CA', postalPatterns: ['921##'], salesTax: added(7750, false) },
  { city: 'Houston', region: 'TX', postalPatterns: ['770##'], salesTax: added(8250, true) },
  { city: 'Austin', region: 'TX', postalPatterns: ['787##'], salesTax: added(8250, true) },
  { city: 'Miami', region: 'FL', postalPatterns: ['331##'], salesTax: added(7000, true) },
  { city: 'Atlanta', region: 'GA', postalPatterns: ['303##'], salesTax: added(8900, true) },
  { city: 'Philadelphia', region: 'PA', postalPatterns: ['191##'], salesTax: added(8000, true) },
  { city: 'Denver', region: 'CO', postalPatterns: ['802##'], salesTax: added(8810, false) },
  { city: 'Phoenix', region: 'AZ', postalPatterns: ['850##'], salesTax: added(8600, false) },
  { city: 'Newark', region: 'NJ', postalPatterns: ['071##'], salesTax: added(6625, true) },
];

/** HST where the province has it (ON 13 %), else GST + PST (BC, QC) or GST alone (AB). */
const CA: readonly ShipTo[] = [
  { city: 'Toronto', region: 'ON', postalPatterns: ['M%? #?#'], salesTax: added(13000, true) },
  { city: 'Ottawa', region: 'ON', postalPatterns: ['K%? #?#'], salesTax: added(13000, true) },
  { city: 'Mississauga', region: 'ON', postalPatterns: ['L%? #?#'], salesTax: added(13000, true) },
  { city: 'Montréal', region: 'QC', postalPatterns: ['H%? #?#'], salesTax: added(14975, true) },
  { city: 'Vancouver', region: 'BC', postalPatterns: ['V%? #?#'], salesTax: added(12000, true) },
  { city: 'Calgary', region: 'AB', postalPatterns: ['T%? #?#'], salesTax: added(5000, true) },
];

const UK: readonly ShipTo[] = [
  {
    city: 'London',
    region: 'Greater London',
    postalPatterns: ['SW%? #??', 'E% #??', 'N% #??', 'SE%% #??'],
  },
  { city: 'Manchester', region: 'Greater Manchester', postalPatterns: ['M% #??', 'M%# #??'] },
  { city: 'Birmingham', region: 'West Midlands', postalPatterns: ['B% #??', 'B%# #??'] },
  { city: 'Leeds', region: 'West Yorkshire', postalPatterns: ['LS% #??'] },
  { city: 'Bristol', region: 'Bristol', postalPatterns: ['BS% #??'] },
  { city: 'Glasgow', region: 'Glasgow City', postalPatterns: ['G% #??', 'G%# #??'] },
  { city: 'Edinburgh', region: 'City of Edinburgh', postalPatterns: ['EH% #??'] },
];

const DE: readonly ShipTo[] = [
  { city: 'Berlin', region: 'Berlin', postalPatterns: ['10###', '12###', '13###'] },
  { city: 'Hamburg', region: 'Hamburg', postalPatterns: ['20###', '22###'] },
  { city: 'München', region: 'Bayern', postalPatterns: ['80###', '81###'] },
  { city: 'Köln', region: 'Nordrhein-Westfalen', postalPatterns: ['50###', '51###'] },
  { city: 'Frankfurt am Main', region: 'Hessen', postalPatterns: ['60###'] },
  { city: 'Stuttgart', region: 'Baden-Württemberg', postalPatterns: ['70###'] },
  { city: 'Düsseldorf', region: 'Nordrhein-Westfalen', postalPatterns: ['40###'] },
  { city: 'Leipzig', region: 'Sachsen', postalPatterns: ['04###'] },
  { city: 'Nürnberg', region: 'Bayern', postalPatterns: ['90###'] },
];

const FR: readonly ShipTo[] = [
  { city: 'Paris', region: 'Île-de-France', postalPatterns: ['7500%', '7501#'] },
  { city: 'Lyon', region: 'Auvergne-Rhône-Alpes', postalPatterns: ['6900%'] },
  { city: 'Marseille', region: "Provence-Alpes-Côte d'Azur", postalPatterns: ['1300%', '1301#'] },
  { city: 'Toulouse', region: 'Occitanie', postalPatterns: ['31%00'] },
  {
    city: 'Bordeaux',
    region: 'Nouvelle-Aquitaine',
    postalPatterns: ['33000', '33100', '33200', '33300', '33800'],
  },
  { city: 'Lille', region: 'Hauts-de-France', postalPatterns: ['59000', '59800'] },
  {
    city: 'Nantes',
    region: 'Pays de la Loire',
    postalPatterns: ['44000', '44100', '44200', '44300'],
  },
  { city: 'Strasbourg', region: 'Grand Est', postalPatterns: ['67000', '67100', '67200'] },
];

const JP: readonly ShipTo[] = [
  { city: '渋谷区', region: '東京都', postalPatterns: ['150-00##'] },
  { city: '新宿区', region: '東京都', postalPatterns: ['160-00##'] },
  { city: '世田谷区', region: '東京都', postalPatterns: ['154-00##', '155-00##', '156-00##'] },
  { city: '横浜市中区', region: '神奈川県', postalPatterns: ['231-00##'] },
  { city: '大阪市北区', region: '大阪府', postalPatterns: ['530-00##'] },
  { city: '京都市中京区', region: '京都府', postalPatterns: ['604-8###'] },
  { city: '名古屋市中区', region: '愛知県', postalPatterns: ['460-00##'] },
  { city: '札幌市中央区', region: '北海道', postalPatterns: ['060-00##', '064-08##'] },
  { city: '福岡市博多区', region: '福岡県', postalPatterns: ['812-00##'] },
  { city: '神戸市中央区', region: '兵庫県', postalPatterns: ['650-00##'] },
];

export const SHIP_TO: Record<MarketplaceCode, readonly ShipTo[]> = { US, CA, UK, DE, FR, JP };

/** Letters that occur in UK inward codes and Canadian postcodes alike. */
const POSTAL_LETTERS = 'ABEHJLNPRSTWXYZ';

export function postalCodeFrom(pattern: string, rng: Prng): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === '#') out += rng.digits(1);
    else if (ch === '%') out += String(rng.int(1, 9));
    else if (ch === '?') out += rng.chars(POSTAL_LETTERS, 1);
    else out += ch;
  }
  return out;
}
