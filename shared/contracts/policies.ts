import { z } from 'zod';
import { defineContract } from './contract';
import { Id, IsoTime, MoneySchema } from './common';
import { PolicyRulesSchema, PolicyScopeSchema } from '../domain/policy/policy-set';
import { APPROVAL_TIERS } from '../domain/policy/routing';

/**
 * The admin's policy screen (issue: policy engine): published versions of each set, a preview
 * of what a new version would do to the requests waiting now, and publishing it.
 */
const SetKey = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'letters, digits, dot, dash or underscore');

export const PolicySetViewSchema = z.object({
  rowId: Id,
  setKey: z.string(),
  version: z.int(),
  scope: PolicyScopeSchema,
  rules: PolicyRulesSchema,
  publishedAt: IsoTime,
  publishedBy: z.string().nullable(),
});
export type PolicySetView = z.infer<typeof PolicySetViewSchema>;

const Draft = z
  .object({
    setKey: SetKey,
    scope: PolicyScopeSchema,
    rules: PolicyRulesSchema,
  })
  .strict();

export const policiesList = defineContract({
  name: 'policies.list',
  input: z.object({}).strict(),
  output: z.object({
    sets: z.array(PolicySetViewSchema),
    /** What applies where no published set says otherwise. */
    defaults: PolicyRulesSchema,
  }),
  access: 'policies.manage',
  kind: 'read',
});

export const PolicyPreviewSchema = z.object({
  /** The version publishing would make. */
  version: z.int(),
  /** Pending requests publishing would approve at once: the count publishing then approves. */
  nowAutoApproved: z.int(),
  changes: z.array(
    z.object({
      refundRequestId: Id,
      rmaNumber: z.string(),
      storeCode: z.string(),
      amount: MoneySchema,
      from: z.enum(APPROVAL_TIERS),
      to: z.enum(APPROVAL_TIERS),
    }),
  ),
});

export const policiesPreview = defineContract({
  name: 'policies.preview',
  input: Draft,
  output: PolicyPreviewSchema,
  access: 'policies.manage',
  kind: 'read',
});

export const policiesPublish = defineContract({
  name: 'policies.publish',
  input: Draft.extend({ id: Id }).strict(),
  output: z.object({ version: z.int(), label: z.string(), autoApproved: z.int() }),
  access: 'policies.manage',
  kind: 'change',
});
