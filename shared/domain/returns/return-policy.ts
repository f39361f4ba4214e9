import { type MarketplaceCode } from '../marketplaces';
import { type EligibilityReasonCode } from './eligibility-reasons';

/**
 * The return rules of one marketplace, versioned: every return records the policy id and
 * version that judged it, so a later change of rules never rewrites history. These are the
 * defaults; the back office may hand out its own (validate them with ReturnPolicySchema).
 *
 * Facts come from RETURNS-DOMAIN.md. Anything marked *unconfirmed* there is a default to be
 * configured, and is marked so here.
 */

/** Restocking fees in basis points of the item amount (2000 = 20 %). */
export interface RestockingFeesBps {
  /** Returned after the window, taken only because a manager overrode it. */
  late: number;
  opened: number;
  damaged: number;
  missingParts: number;
}

/** Items shipped in [shippedFrom, shippedTo] may come back until returnBy (all inclusive). */
export interface HolidayExtension {
  shippedFrom: string;
  shippedTo: string;
  returnBy: string;
}

export interface NonReturnableRule {
  category: string;
  when: 'opened' | 'always';
  reason: Extract<EligibilityReasonCode, 'NON_RETURNABLE_OPENED' | 'NON_RETURNABLE_ALWAYS'>;
  /**
   * May a manager take it back anyway (goodwill)? The law only takes away the buyer's *right*
   * to withdraw; nothing forbids a seller from accepting, so the defaults say yes.
   */
  overridable: boolean;
  /** The rule is about sealed media; a printed book in the same category is exempt. */
  exceptPrintedBooks?: boolean;
}

export interface ReturnPolicy {
  /** e.g. 'US-2026.1' */
  id: string;
  version: number;
  marketplace: MarketplaceCode;
  /** Voluntary window in days after the local delivery date (the last day counts). */
  windowDays: number;
  /** Statutory withdrawal period (EU Consumer Rights Directive art. 9; UK CCR 2013), or null. */
  legalWithdrawalDays: number | null;
  /** ISO dates (YYYY-MM-DD) in the marketplace's time zone. */
  holidayExtensions: HolidayExtension[];
  nonReturnable: NonReturnableRule[];
  restockingFeeBps: RestockingFeesBps;
  /**
   * Per-category replacements of single fees (opened media costs more than an opened
   * toaster). Keyed by product category; missing entries fall back to restockingFeeBps.
   */
  restockingFeeBpsByCategory: Record<string, Partial<RestockingFeesBps>>;
  /** A fee at or above this needs a photo of the item (Amazon: 20 % or more). */
  photoRequiredFromBps: number;
  /**
   * Outside a legal withdrawal. Within one, shipping is always refunded whatever this says
   * (CRD art. 13(1): the trader reimburses "all payments … including the costs of delivery").
   */
  refundShipping: 'always' | 'seller_fault' | 'never';
  /**
   * When a shipped order has no delivery date, the window is counted from the purchase date
   * plus this many days (Amazon counts from the *estimated* delivery; our guess of it).
   */
  assumedTransitDays: number;
}

/**
 * Amazon US holiday seasons: shipped Nov 1–Dec 31, returnable until Jan 31. Amazon changes the
 * dates every year (some years started in October) — *unconfirmed*, configure each season.
 */
const NORTH_AMERICA_HOLIDAYS: HolidayExtension[] = [
  { shippedFrom: '2025-11-01', shippedTo: '2025-12-31', returnBy: '2026-01-31' },
  { shippedFrom: '2026-11-01', shippedTo: '2026-12-31', returnBy: '2027-01-31' },
];

/** Older Amazon guidance (RETURNS-DOMAIN.md): 20 % late, up to 50 % damaged or incomplete. */
const AMAZON_GUIDANCE_FEES: RestockingFeesBps = {
  late: 2000,
  opened: 1500,
  damaged: 5000,
  missingParts: 5000,
};

/** "Up to 50 % for opened media": books_media stands for sealed audio, video and books. */
const OPENED_MEDIA_COSTS_MORE: Record<string, Partial<RestockingFeesBps>> = {
  books_media: { opened: 5000 },
};

const OPENED_SOFTWARE_NOT_RETURNABLE: NonReturnableRule = {
  category: 'software',
  when: 'opened',
  reason: 'NON_RETURNABLE_OPENED',
  overridable: true,
};

/**
 * CRD art. 16 exceptions we can tell from the category: (i) sealed audio, video or software
 * unsealed after delivery, (e) sealed goods unfit for return for health or hygiene reasons.
 * `books_media` approximates "sealed audio/video": printed books are not an exception, so the
 * rule skips them when the caller says the item is a printed book. Personalised goods (art.
 * 16(c)) are not in the catalogue.
 */
const EU_SEALED_GOODS: NonReturnableRule[] = [
  OPENED_SOFTWARE_NOT_RETURNABLE,
  {
    category: 'books_media',
    when: 'opened',
    reason: 'NON_RETURNABLE_OPENED',
    overridable: true,
    exceptPrintedBooks: true,
  },
  {
    category: 'beauty_hygiene',
    when: 'opened',
    reason: 'NON_RETURNABLE_OPENED',
    overridable: true,
  },
];

const US: ReturnPolicy = {
  id: 'US-2026.1',
  version: 1,
  marketplace: 'US',
  windowDays: 30,
  legalWithdrawalDays: null,
  holidayExtensions: NORTH_AMERICA_HOLIDAYS,
  nonReturnable: [OPENED_SOFTWARE_NOT_RETURNABLE],
  restockingFeeBps: AMAZON_GUIDANCE_FEES,
  restockingFeeBpsByCategory: OPENED_MEDIA_COSTS_MORE,
  photoRequiredFromBps: 2000,
  refundShipping: 'seller_fault',
  assumedTransitDays: 7,
};

/**
 * Amazon.ca is assumed to mirror Amazon.com, holiday season included (*unconfirmed*: Amazon.ca
 * has announced similar seasons; check each year). Canada has no general statutory withdrawal
 * right for online purchases of this kind.
 */
const CA: ReturnPolicy = { ...US, id: 'CA-2026.1', marketplace: 'CA' };

/**
 * EU-style marketplaces: 14-day statutory withdrawal plus Amazon's voluntary 30 days on top
 * (*unconfirmed* per marketplace). Amazon has also run holiday extensions in Europe; none are
 * configured until confirmed. Fees beyond the statutory period follow Amazon's guidance
 * (*unconfirmed* for EU sellers); inside it the opened-item fee is waived (see eligibility.ts).
 */
const EU_STYLE: Omit<ReturnPolicy, 'id' | 'marketplace'> = {
  version: 1,
  windowDays: 30,
  legalWithdrawalDays: 14,
  holidayExtensions: [],
  nonReturnable: EU_SEALED_GOODS,
  restockingFeeBps: AMAZON_GUIDANCE_FEES,
  restockingFeeBpsByCategory: OPENED_MEDIA_COSTS_MORE,
  photoRequiredFromBps: 2000,
  refundShipping: 'seller_fault',
  assumedTransitDays: 7,
};

/**
 * Japan: 30 days; no statutory withdrawal for online sales once the seller states a return
 * policy. Fees differ by category and amount in an *unconfirmed* table, so Amazon's general
 * guidance stands in until configured. Opened software is assumed non-returnable as in the US
 * (*unconfirmed*).
 */
const JP: ReturnPolicy = {
  id: 'JP-2026.1',
  version: 1,
  marketplace: 'JP',
  windowDays: 30,
  legalWithdrawalDays: null,
  holidayExtensions: [],
  nonReturnable: [OPENED_SOFTWARE_NOT_RETURNABLE],
  restockingFeeBps: AMAZON_GUIDANCE_FEES,
  restockingFeeBpsByCategory: OPENED_MEDIA_COSTS_MORE,
  photoRequiredFromBps: 2000,
  refundShipping: 'seller_fault',
  assumedTransitDays: 4,
};

/** Frozen so that a caller adjusting a copy can never change the defaults for everyone. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export const DEFAULT_RETURN_POLICIES: Record<MarketplaceCode, ReturnPolicy> = deepFreeze({
  US,
  CA,
  // UK: the Consumer Contracts Regulations 2013 keep the same 14 days after Brexit.
  UK: { ...EU_STYLE, id: 'UK-2026.1', marketplace: 'UK' },
  DE: { ...EU_STYLE, id: 'DE-2026.1', marketplace: 'DE' },
  FR: { ...EU_STYLE, id: 'FR-2026.1', marketplace: 'FR' },
  JP,
});

/** The fees that apply to `category`: the policy's, with the category's replacements. */
export function restockingFeesFor(policy: ReturnPolicy, category: string): RestockingFeesBps {
  const base = policy.restockingFeeBps;
  // Own-property lookup only: a category called "constructor" must not find Object's.
  const byCategory = policy.restockingFeeBpsByCategory;
  const own = Object.hasOwn(byCategory, category) ? byCategory[category] : undefined;
  return {
    late: own?.late ?? base.late,
    opened: own?.opened ?? base.opened,
    damaged: own?.damaged ?? base.damaged,
    missingParts: own?.missingParts ?? base.missingParts,
  };
}
