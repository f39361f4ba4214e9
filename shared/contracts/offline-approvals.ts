import { z } from 'zod';
import { CurrencySchema, Id, IsoTime, MoneySchema } from './common';
import { defineContract } from './contract';
import { RefundRequestSchema } from './returns';

/**
 * Offline approval by phone (issue #7, DESIGN.md §8): the store shows a challenge for a pending
 * request; the regional manager types it and the amount into their own desktop and reads back a
 * code (or shows a signed QR); the store checks the code's part A offline and records the
 * approval as "approved offline, awaiting back-office confirmation" until the back office has
 * checked part B.
 */

/** 12 digits, grouped any way a person reads them out. */
const ChallengeDigits = z
  .string()
  .transform((text) => text.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{12}$/, 'The challenge is 12 digits.'));

export const approvalsOfflineChallenge = defineContract({
  name: 'approvals.offlineChallenge',
  input: z.object({ refundRequestId: Id }).strict(),
  output: z.object({
    challengeId: Id,
    /** "123456 789012": read out to the manager. */
    challenge: z.string(),
    amount: MoneySchema,
    expiresAt: IsoTime,
  }),
  access: 'refunds.request',
  kind: 'change',
});

export const approvalsOfflineEnter = defineContract({
  name: 'approvals.offlineEnter',
  input: z
    .object({
      challengeId: Id,
      /** The manager's code ("123456-78-654321"), or a signed token scanned from their screen. */
      response: z.string().trim().min(1).max(2000),
    })
    .strict(),
  output: RefundRequestSchema,
  access: 'refunds.request',
  // Wrong codes are recorded (the guessing guard) even though the call fails.
  kind: 'self',
});

export const approvalsOfflineRespond = defineContract({
  name: 'approvals.offlineRespond',
  input: z
    .object({
      challenge: ChallengeDigits,
      amountMinor: z.int().min(0).max(999_999_999_999),
      currency: CurrencySchema,
      storeId: Id,
    })
    .strict(),
  output: z.object({
    /** "123456-78-654321": part A, check digits, part B. */
    response: z.string(),
    /** The same approval signed (Ed25519), for a QR code or a 2D scanner. */
    token: z.string(),
    keyId: Id,
    /** The request this desktop holds for that challenge, or null ("not on this laptop"). */
    request: RefundRequestSchema.nullable(),
  }),
  access: 'approvals.decide',
  kind: 'change',
  scope: (input) => ({ storeId: input.storeId }),
});

export const OfflineChallengeSchema = approvalsOfflineChallenge.output;
export type OfflineChallenge = z.infer<typeof OfflineChallengeSchema>;
export const OfflineResponseSchema = approvalsOfflineRespond.output;
export type OfflineResponse = z.infer<typeof OfflineResponseSchema>;
