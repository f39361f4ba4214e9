import { z } from 'zod';
import { CURRENCIES, type Currency } from '../money';
import { MARKETPLACE_CODES, type MarketplaceCode } from '../marketplaces';

/**
 * Refund policy as data (issue: policy engine): versioned sets, each for the chain, a region, a
 * store or a marketplace, edited by an admin and published. The effective policy of a request
 * takes each rule from the most specific published set that says something about it:
 * store > region > marketplace > chain. A request records the versions that decided it.
 */

const MinorByCurrency = z.partialRecord(
  z.enum(CURRENCIES as [Currency, ...Currency[]]),
  z.int().nonnegative(),
);

export const PolicyRulesSchema = z
  .object({
    /** Below this (per currency) and with no risk signal, a refund is approved at once. */
    autoApproveBelowMinor: MinorByCurrency,
    /** From this amount (per currency) a store manager is not enough: a regional manager decides. */
    regionalManagerFromMinor: MinorByCurrency,
    /** From this amount (per currency) finance must decide too. */
    financeFromMinor: MinorByCurrency,
    /** A refund of this much or more raises HIGH_VALUE (a person must look). */
    highValueFromMinor: MinorByCurrency,
    serialReturner: z.object({ returns: z.int().min(1), days: z.int().min(1) }),
    repeatedSku: z.object({ returns: z.int().min(1), days: z.int().min(1) }),
    /** Business days after the item is received by when the refund must be paid. */
    refundDueBusinessDays: z.int().min(1).max(30),
    /** Alert this many hours before the deadline passes. */
    deadlineAlertHours: z.int().min(1).max(240),
    /** Local dates (YYYY-MM-DD) that are not business days, besides weekends. */
    holidays: z.array(z.iso.date()),
    /** Offline approvals by one manager: the most per refund, per day, and for how many days. */
    offlineApproval: z.object({
      maxAmountMinor: MinorByCurrency,
      maxPerDay: z.int().min(0),
      maxDaysOffline: z.int().min(0),
    }),
  })
  .partial();
export type PolicyRules = z.infer<typeof PolicyRulesSchema>;
export type EffectivePolicyRules = Required<PolicyRules>;

export const PolicyScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('chain') }),
  z.object({
    kind: z.literal('marketplace'),
    marketplace: z.enum(MARKETPLACE_CODES as [MarketplaceCode, ...MarketplaceCode[]]),
  }),
  z.object({ kind: z.literal('region'), regionId: z.uuid() }),
  z.object({ kind: z.literal('store'), storeId: z.uuid() }),
]);
export type PolicyScope = z.infer<typeof PolicyScopeSchema>;

export const PolicySetSchema = z.object({
  id: z.string().min(1),
  version: z.int().positive(),
  scope: PolicyScopeSchema,
  rules: PolicyRulesSchema,
  publishedAt: z.iso.datetime({ offset: false }),
  publishedBy: z.uuid().nullable(),
});
export type PolicySet = z.infer<typeof PolicySetSchema>;

/** The chain's defaults: what applies where no published set says otherwise. */
export const DEFAULT_POLICY_RULES: EffectivePolicyRules = {
  // About 50 USD in each currency (rounded, not live exchange rates), as before.
  autoApproveBelowMinor: { USD: 5000, CAD: 6800, MXN: 90000, GBP: 4000, EUR: 4600, JPY: 7500 },
  regionalManagerFromMinor: {
    USD: 50000,
    CAD: 68000,
    MXN: 900000,
    GBP: 40000,
    EUR: 46000,
    JPY: 75000,
  },
  financeFromMinor: {
    USD: 200000,
    CAD: 270000,
    MXN: 3600000,
    GBP: 160000,
    EUR: 185000,
    JPY: 300000,
  },
  highValueFromMinor: {
    USD: 50000,
    CAD: 68000,
    MXN: 900000,
    GBP: 40000,
    EUR: 46000,
    JPY: 75000,
  },
  serialReturner: { returns: 3, days: 90 },
  repeatedSku: { returns: 2, days: 60 },
  refundDueBusinessDays: 2,
  deadlineAlertHours: 12,
  holidays: [],
  offlineApproval: {
    maxAmountMinor: { USD: 50000, CAD: 68000, MXN: 900000, GBP: 40000, EUR: 46000, JPY: 75000 },
    maxPerDay: 10,
    maxDaysOffline: 3,
  },
};

export interface PolicyTarget {
  storeId: string;
  regionId: string;
  marketplace: MarketplaceCode;
}

const SPECIFICITY: Record<PolicyScope['kind'], number> = {
  chain: 0,
  marketplace: 1,
  region: 2,
  store: 3,
};

function applies(scope: PolicyScope, target: PolicyTarget): boolean {
  switch (scope.kind) {
    case 'chain':
      return true;
    case 'marketplace':
      return scope.marketplace === target.marketplace;
    case 'region':
      return scope.regionId === target.regionId;
    case 'store':
      return scope.storeId === target.storeId;
  }
}

export interface EffectivePolicy {
  rules: EffectivePolicyRules;
  /** The published sets that contributed, least specific first: "policy v3" on a request. */
  sources: { id: string; version: number; scope: PolicyScope }[];
}

/**
 * The rules for one request: for each rule, the most specific set's value. Only the latest
 * version of each set id counts (older versions stay for the requests they decided).
 */
export function resolvePolicy(sets: readonly PolicySet[], target: PolicyTarget): EffectivePolicy {
  const latest = new Map<string, PolicySet>();
  for (const set of sets) {
    const seen = latest.get(set.id);
    if (!seen || set.version > seen.version) latest.set(set.id, set);
  }
  const relevant = [...latest.values()]
    .filter((s) => applies(s.scope, target))
    .sort(
      (a, b) => SPECIFICITY[a.scope.kind] - SPECIFICITY[b.scope.kind] || a.id.localeCompare(b.id),
    );
  const rules: EffectivePolicyRules = structuredClone(DEFAULT_POLICY_RULES);
  for (const set of relevant) {
    for (const [key, value] of Object.entries(set.rules) as [keyof PolicyRules, unknown][]) {
      if (value === undefined) continue;
      const current = rules[key];
      // Per-currency tables merge by currency, so a store can change only its own currency.
      if (isCurrencyTable(key))
        (rules as Record<string, unknown>)[key] = { ...(current as object), ...(value as object) };
      else (rules as Record<string, unknown>)[key] = value;
    }
  }
  return {
    rules,
    sources: relevant.map((s) => ({ id: s.id, version: s.version, scope: s.scope })),
  };
}

function isCurrencyTable(key: keyof PolicyRules): boolean {
  return (
    key === 'autoApproveBelowMinor' ||
    key === 'regionalManagerFromMinor' ||
    key === 'financeFromMinor' ||
    key === 'highValueFromMinor'
  );
}

/** "chain v3 · region NA v2": how a decision names the policy that made it. */
export function policyLabel(policy: EffectivePolicy): string {
  return policy.sources.length === 0
    ? 'defaults'
    : policy.sources.map((s) => `${s.id} v${s.version}`).join(' · ');
}

/** The sources a label names ("chain v3 · region-na v2" → [{chain,3},{region-na,2}]); [] for defaults. */
export function parsePolicyLabel(label: string): { id: string; version: number }[] | null {
  if (label === 'defaults') return [];
  const parts = label.split(' · ').map((part) => /^(.+) v(\d+)$/.exec(part));
  if (parts.some((m) => m === null)) return null;
  return parts.map((m) => ({ id: m![1]!, version: Number(m![2]) }));
}

/**
 * The policy exactly as a request's label pinned it, from the versions named (not the latest):
 * how the back office re-checks a decision made under v3 after v4 is out. Null when a named
 * version is unknown here.
 */
export function resolvePinnedPolicy(
  sets: readonly PolicySet[],
  target: PolicyTarget,
  label: string,
): EffectivePolicy | null {
  const sources = parsePolicyLabel(label);
  if (!sources) return null;
  const pinned: PolicySet[] = [];
  for (const source of sources) {
    const set = sets.find((s) => s.id === source.id && s.version === source.version);
    if (!set) return null;
    pinned.push(set);
  }
  return resolvePolicy(pinned, target);
}
