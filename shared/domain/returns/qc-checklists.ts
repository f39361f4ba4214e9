import { type ProductCategory } from '../../demo-data/catalogue';

/**
 * What an inspector checks per product category before grading. Defaults only: a chain may
 * replace any category's list (the back office sends its own), so callers go through
 * qcChecklistFor. Labels are i18n keys under `returns.qc.check.*`.
 */
export interface QcCheckItem {
  /** Stable: stored with each inspection's answers. */
  id: string;
  labelKey: string;
}

const check = (id: string): QcCheckItem => ({ id, labelKey: `returns.qc.check.${id}` });

/** Asked of everything. */
const COMMON: QcCheckItem[] = [check('matches_order'), check('packaging_present')];

export const DEFAULT_QC_CHECKLISTS: Readonly<Record<ProductCategory, readonly QcCheckItem[]>> = {
  electronics: [
    ...COMMON,
    check('serial_matches'),
    check('powers_on'),
    check('screen_intact'),
    check('accessories_complete'),
    check('account_removed'),
    check('battery_not_swollen'),
  ],
  apparel: [...COMMON, check('tags_attached'), check('unworn_unwashed'), check('no_stains_odor')],
  books_media: [...COMMON, check('seal_intact'), check('discs_present'), check('pages_intact')],
  software: [...COMMON, check('seal_intact'), check('license_key_unused')],
  toys: [...COMMON, check('all_pieces_present'), check('seal_intact'), check('works_if_powered')],
  home: [...COMMON, check('unused'), check('accessories_complete'), check('no_damage')],
  beauty_hygiene: [...COMMON, check('seal_intact'), check('unused')],
  jewelry: [
    ...COMMON,
    check('tags_attached'),
    check('certificate_present'),
    check('clasp_works'),
    check('stones_secure'),
  ],
};

/**
 * The checklist for a category: the chain's own if it has one, else the default, else the
 * common checks (Amazon may send categories the counter does not know).
 */
export function qcChecklistFor(
  category: string,
  overrides: Readonly<Record<string, readonly QcCheckItem[]>> = {},
): readonly QcCheckItem[] {
  if (Object.hasOwn(overrides, category)) return overrides[category]!;
  const defaults: Readonly<Record<string, readonly QcCheckItem[]>> = DEFAULT_QC_CHECKLISTS;
  return Object.hasOwn(defaults, category) ? defaults[category]! : COMMON;
}
