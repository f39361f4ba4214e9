import { type Disposition } from './dispositions';

/**
 * The grade a counter gives a returned unit, and what it means elsewhere: the Amazon listing
 * condition it could be relisted under, and the liquidation grade a liquidator would buy it
 * as (RETURNS-DOMAIN.md, "Condition and disposition").
 */
export const CONDITION_GRADES = [
  'NEW',
  'LIKE_NEW',
  'VERY_GOOD',
  'GOOD',
  'ACCEPTABLE',
  'UNSELLABLE',
] as const;
export type ConditionGrade = (typeof CONDITION_GRADES)[number];

/** Best first: a lower index is a better grade. */
export function gradeRank(grade: ConditionGrade): number {
  return CONDITION_GRADES.indexOf(grade);
}

export function worseGrade(a: ConditionGrade, b: ConditionGrade): ConditionGrade {
  return gradeRank(a) >= gradeRank(b) ? a : b;
}

/**
 * Amazon's item condition as the Orders API 2026-01-01 spells it (`ItemCondition`:
 * conditionType + conditionSubtype); "Used – Like New" is USED/MINT there.
 */
export interface AmazonListingCondition {
  conditionType: 'NEW' | 'USED';
  conditionSubtype: 'NEW' | 'MINT' | 'VERY_GOOD' | 'GOOD' | 'ACCEPTABLE';
  /** As Seller Central shows it. */
  label: string;
}

/** A: new in carton; B: carton damaged, unit fine or minor damage; C: significant cosmetic damage, may need a part; D: salvage. */
export type LiquidationGrade = 'A' | 'B' | 'C' | 'D';

export interface GradeMapping {
  /** null: cannot be listed on Amazon at all. */
  listingCondition: AmazonListingCondition | null;
  liquidationGrade: LiquidationGrade;
}

/**
 * LIKE_NEW is B, not A: once opened it is no longer "new in carton". GOOD has visible wear,
 * which liquidators price as C.
 */
export const GRADE_MAPPING: Readonly<Record<ConditionGrade, GradeMapping>> = {
  NEW: {
    listingCondition: { conditionType: 'NEW', conditionSubtype: 'NEW', label: 'New' },
    liquidationGrade: 'A',
  },
  LIKE_NEW: {
    listingCondition: { conditionType: 'USED', conditionSubtype: 'MINT', label: 'Used – Like New' },
    liquidationGrade: 'B',
  },
  VERY_GOOD: {
    listingCondition: {
      conditionType: 'USED',
      conditionSubtype: 'VERY_GOOD',
      label: 'Used – Very Good',
    },
    liquidationGrade: 'B',
  },
  GOOD: {
    listingCondition: { conditionType: 'USED', conditionSubtype: 'GOOD', label: 'Used – Good' },
    liquidationGrade: 'C',
  },
  ACCEPTABLE: {
    listingCondition: {
      conditionType: 'USED',
      conditionSubtype: 'ACCEPTABLE',
      label: 'Used – Acceptable',
    },
    liquidationGrade: 'C',
  },
  UNSELLABLE: { listingCondition: null, liquidationGrade: 'D' },
};

/**
 * Where a unit of each grade may go:
 * - the store shelf takes only what a shop customer would accept as new or open-box
 *   (NEW … VERY_GOOD); worn items go to the warehouse to be relisted as used or liquidated;
 * - REFURBISH needs something to repair, so not NEW;
 * - DESTROY_RECYCLE never for NEW … VERY_GOOD: destroying sellable goods is wasteful and in
 *   France illegal for unsold non-food goods (loi AGEC 2020), with EU rules following.
 * UNSELLABLE may still go to the warehouse: salvage (grade D) is sold to liquidators.
 */
const ALLOWED: Readonly<Record<ConditionGrade, readonly Disposition[]>> = {
  NEW: ['RESTOCK_STORE', 'SEND_TO_WAREHOUSE', 'RETURN_TO_VENDOR'],
  LIKE_NEW: ['RESTOCK_STORE', 'SEND_TO_WAREHOUSE', 'RETURN_TO_VENDOR', 'REFURBISH'],
  VERY_GOOD: ['RESTOCK_STORE', 'SEND_TO_WAREHOUSE', 'RETURN_TO_VENDOR', 'REFURBISH'],
  GOOD: ['SEND_TO_WAREHOUSE', 'RETURN_TO_VENDOR', 'REFURBISH', 'DESTROY_RECYCLE'],
  ACCEPTABLE: ['SEND_TO_WAREHOUSE', 'RETURN_TO_VENDOR', 'REFURBISH', 'DESTROY_RECYCLE'],
  UNSELLABLE: ['SEND_TO_WAREHOUSE', 'RETURN_TO_VENDOR', 'REFURBISH', 'DESTROY_RECYCLE'],
};

export function allowedDispositions(grade: ConditionGrade): readonly Disposition[] {
  return ALLOWED[grade];
}
