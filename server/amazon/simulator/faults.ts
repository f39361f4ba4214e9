import { z } from 'zod';
import { prngFromSeed, type Prng } from '../../../shared/demo-data/prng';
import { SPAPI_OPERATION_NAMES } from '../models';

/** What can go wrong, on demand (`POST /_sim/faults`). */
export const FAULT_KINDS = [
  'throttle', // 429 QuotaExceeded
  'server-error', // 500 InternalFailure
  'unavailable', // 503 ServiceUnavailable
  'hang', // no answer for `hangMs` (default: until the client gives up)
  'expired-token', // 401 Unauthorized, as when the access token has expired
  'applied-then-hang', // the request is carried out, but its answer never comes (lost response)
  'applied-then-error', // the request is carried out, but the answer is a 500
  'truncate-document', // document download cut short
  'corrupt-document', // document bytes damaged
  'feed-fatal', // feed ends FATAL
  'feed-item-error', // feed DONE but every item rejected
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultRuleSchema = z.object({
  kind: z.enum(FAULT_KINDS),
  /** An SP-API operation, `lwa` (token endpoint), `document` (downloads) or `*`. */
  operation: z.enum([...SPAPI_OPERATION_NAMES, 'lwa', 'document', '*']).default('*'),
  /** Fire this many times, then retire. Default: every match (with `probability`) or once. */
  count: z.number().int().positive().optional(),
  probability: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
  hangMs: z.number().int().positive().optional(),
});
export type FaultRuleInput = z.input<typeof faultRuleSchema>;
type FaultRule = z.infer<typeof faultRuleSchema> & { id: number; fired: number; rng: Prng };

/** Kinds that make sense at each point where the simulator consults the injector. */
const STAGE_KINDS = {
  request: [
    'throttle',
    'server-error',
    'unavailable',
    'hang',
    'expired-token',
    'applied-then-hang',
    'applied-then-error',
  ],
  document: ['truncate-document', 'corrupt-document'],
  feed: ['feed-fatal', 'feed-item-error'],
} as const satisfies Record<string, readonly FaultKind[]>;

export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;
  /** Every fault that fired, for tests and the training screen. */
  readonly fired: { id: number; kind: FaultKind; operation: string }[] = [];

  add(input: FaultRuleInput): number {
    const rule = faultRuleSchema.parse(input);
    const id = this.nextId++;
    this.rules.push({ ...rule, id, fired: 0, rng: prngFromSeed(rule.seed ?? id) });
    return id;
  }

  clear(): void {
    this.rules = [];
  }

  list(): Omit<FaultRule, 'rng'>[] {
    return this.rules.map(({ rng: _rng, ...rule }) => rule);
  }

  /** The fault to inject here, if any rule matches (consuming one of its count). */
  take(stage: keyof typeof STAGE_KINDS, operation: string): FaultRule | null {
    const kinds: readonly FaultKind[] = STAGE_KINDS[stage];
    for (const rule of this.rules) {
      if (!kinds.includes(rule.kind)) continue;
      if (rule.operation !== '*' && rule.operation !== operation) continue;
      const limit = rule.count ?? (rule.probability === undefined ? 1 : Infinity);
      if (rule.fired >= limit) continue;
      if (rule.probability !== undefined && !rule.rng.chance(rule.probability)) continue;
      rule.fired++;
      this.fired.push({ id: rule.id, kind: rule.kind, operation });
      return rule;
    }
    return null;
  }
}
