/**
 * Take-back schemes a returned unit falls under when it is scrapped: WEEE (EU Directive
 * 2012/19/EU, electrical and electronic equipment) and BATTERY (EU Battery Regulation
 * 2023/1542). Tagged units go to the matching collection, never to general waste.
 *
 * By category only: every electronics item is assumed to contain a battery (most of the
 * catalogue does; a charger does not, which costs nothing but a sorting step). Electronic toys
 * and watches would need a per-product flag the catalogue does not have yet.
 */
export type EnvironmentalTag = 'WEEE' | 'BATTERY';

const BY_CATEGORY: Readonly<Record<string, readonly EnvironmentalTag[]>> = {
  electronics: ['WEEE', 'BATTERY'],
};

export function environmentalTags(category: string): EnvironmentalTag[] {
  return Object.hasOwn(BY_CATEGORY, category) ? [...BY_CATEGORY[category]!] : [];
}
