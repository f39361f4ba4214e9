import { type ProductCategory } from '../../demo-data/catalogue';
import { type ConditionGrade, worseGrade } from './condition-grades';
import { type Disposition } from './dispositions';
import { allowedDispositions } from './condition-grades';

/**
 * What an inspector can tick on a returned unit. Each defect caps the best grade the unit can
 * get (a scratched unit is never "like new"), sometimes per category (a broken seal is harmless
 * on a DVD, fatal on a lipstick). `categories` lists where the defect is offered; 'all' means
 * every category, including ones the counter does not know.
 */
export interface DefectDefinition {
  code: string;
  categories: readonly ProductCategory[] | 'all';
  maxGrade: ConditionGrade;
  maxGradeByCategory?: Partial<Record<ProductCategory, ConditionGrade>>;
  /** Only these dispositions remain (a swollen battery must not be shipped or shelved). */
  onlyDispositions?: readonly Disposition[];
}

export const DEFECT_CODES = [
  { code: 'packaging_damaged', categories: 'all', maxGrade: 'LIKE_NEW' },
  { code: 'scratched', categories: 'all', maxGrade: 'VERY_GOOD' },
  { code: 'dented', categories: ['electronics', 'home', 'toys', 'jewelry'], maxGrade: 'GOOD' },
  { code: 'missing_manual', categories: 'all', maxGrade: 'VERY_GOOD' },
  { code: 'missing_accessory', categories: 'all', maxGrade: 'ACCEPTABLE' },
  { code: 'used_worn', categories: 'all', maxGrade: 'GOOD' },
  {
    code: 'stained',
    categories: ['apparel', 'home', 'toys', 'books_media'],
    maxGrade: 'ACCEPTABLE',
    // Nobody buys a stained garment, even used.
    maxGradeByCategory: { apparel: 'UNSELLABLE' },
  },
  { code: 'odor', categories: ['apparel', 'home'], maxGrade: 'UNSELLABLE' },
  { code: 'tag_removed', categories: ['apparel', 'jewelry'], maxGrade: 'LIKE_NEW' },
  {
    code: 'seal_broken',
    categories: ['books_media', 'software', 'beauty_hygiene', 'toys'],
    maxGrade: 'LIKE_NEW',
    // Hygiene goods cannot be resold once unsealed; software may have its key used.
    maxGradeByCategory: { beauty_hygiene: 'UNSELLABLE', software: 'ACCEPTABLE' },
  },
  { code: 'license_key_used', categories: ['software'], maxGrade: 'UNSELLABLE' },
  { code: 'disc_scratched', categories: ['books_media', 'software'], maxGrade: 'ACCEPTABLE' },
  { code: 'pages_damaged', categories: ['books_media'], maxGrade: 'ACCEPTABLE' },
  { code: 'missing_pieces', categories: ['toys'], maxGrade: 'UNSELLABLE' },
  { code: 'cracked_screen', categories: ['electronics'], maxGrade: 'UNSELLABLE' },
  { code: 'not_working', categories: 'all', maxGrade: 'UNSELLABLE' },
  { code: 'water_damage', categories: ['electronics', 'books_media'], maxGrade: 'UNSELLABLE' },
  {
    // Still signed in to the buyer's account (activation lock): unusable for anyone else.
    code: 'activation_locked',
    categories: ['electronics'],
    maxGrade: 'UNSELLABLE',
  },
  {
    code: 'battery_swollen',
    categories: ['electronics', 'toys'],
    maxGrade: 'UNSELLABLE',
    // A swollen lithium cell is a fire risk: dangerous goods to ship, so it is recycled here.
    onlyDispositions: ['DESTROY_RECYCLE'],
  },
  { code: 'clasp_broken', categories: ['jewelry'], maxGrade: 'ACCEPTABLE' },
  { code: 'stone_missing', categories: ['jewelry'], maxGrade: 'UNSELLABLE' },
] as const satisfies readonly DefectDefinition[];

export type DefectCode = (typeof DEFECT_CODES)[number]['code'];

/** The codes alone, for schemas (`z.enum(DEFECT_CODE_LIST)`) and i18n keys. */
export const DEFECT_CODE_LIST = DEFECT_CODES.map((d) => d.code) as [DefectCode, ...DefectCode[]];

const BY_CODE: ReadonlyMap<string, DefectDefinition> = new Map(
  DEFECT_CODES.map((d): [string, DefectDefinition] => [d.code, d]),
);

export function isDefectCode(s: unknown): s is DefectCode {
  return typeof s === 'string' && BY_CODE.has(s);
}

/** The defects the inspector is offered for a category. */
export function defectsFor(category: string): DefectCode[] {
  return DEFECT_CODES.filter(
    (d) => d.categories === 'all' || (d.categories as readonly string[]).includes(category),
  ).map((d) => d.code);
}

function capFor(defect: DefectDefinition, category: string): ConditionGrade {
  const byCategory = defect.maxGradeByCategory as Record<string, ConditionGrade> | undefined;
  return (
    (byCategory && Object.hasOwn(byCategory, category) && byCategory[category]) || defect.maxGrade
  );
}

/** The best grade a unit with these defects may get (NEW when there are none). */
export function bestGradeAllowed(category: string, defects: readonly DefectCode[]): ConditionGrade {
  return defects.reduce<ConditionGrade>((best, code) => {
    const defect = BY_CODE.get(code);
    return defect ? worseGrade(best, capFor(defect, category)) : best;
  }, 'NEW');
}

/** Dispositions left for a unit of `grade` with these defects. */
export function allowedDispositionsWith(
  grade: ConditionGrade,
  defects: readonly DefectCode[],
): Disposition[] {
  return allowedDispositions(grade).filter((disposition) =>
    defects.every((code) => {
      const only = BY_CODE.get(code)?.onlyDispositions;
      return !only || only.includes(disposition);
    }),
  );
}
