import { z } from 'zod';
import { MARKETPLACE_CODES } from '../marketplaces';
import { isLocalDate } from './zoned-date';
import { type ReturnPolicy } from './return-policy';

/**
 * Validates a return policy that comes from configuration (the back office, a chain's
 * settings) before the counter judges anything with it. Amounts are integers; fees are
 * 0–10 000 basis points; dates are real calendar dates.
 */
const LocalDate = z.string().refine(isLocalDate, 'expected a calendar date YYYY-MM-DD');
const Bps = z.int().min(0).max(10_000);
const Days = z.int().min(0).max(3660);

const RestockingFees = z.object({ late: Bps, opened: Bps, damaged: Bps, missingParts: Bps });

export const ReturnPolicySchema = z.object({
  id: z.string().min(1),
  version: z.int().min(1),
  marketplace: z
    .enum(MARKETPLACE_CODES as [string, ...string[]])
    .transform((m) => m as ReturnPolicy['marketplace']),
  windowDays: Days,
  legalWithdrawalDays: Days.nullable(),
  holidayExtensions: z.array(
    z
      .object({ shippedFrom: LocalDate, shippedTo: LocalDate, returnBy: LocalDate })
      .refine((h) => h.shippedFrom <= h.shippedTo, 'shippedFrom is after shippedTo'),
  ),
  nonReturnable: z.array(
    z.object({
      category: z.string().min(1),
      when: z.enum(['opened', 'always']),
      reason: z.enum(['NON_RETURNABLE_OPENED', 'NON_RETURNABLE_ALWAYS']),
      overridable: z.boolean(),
      exceptPrintedBooks: z.boolean().optional(),
    }),
  ),
  restockingFeeBps: RestockingFees,
  restockingFeeBpsByCategory: z.record(z.string(), RestockingFees.partial()),
  photoRequiredFromBps: Bps,
  refundShipping: z.enum(['always', 'seller_fault', 'never']),
  assumedTransitDays: Days,
}) satisfies z.ZodType<ReturnPolicy, unknown>;
