import { z } from 'zod';
import { defineContract } from './contract';
import { Id, IsoTime, MoneySchema } from './common';

/**
 * Refunds whose deadline (the policy's business days after the item came back, in the
 * marketplace's calendar) is near or past, and which nobody has paid yet: the alert before a
 * deadline passes (issue: policy engine).
 */
export const RefundDeadlineSchema = z.object({
  refundRequestId: Id,
  returnId: Id,
  rmaNumber: z.string(),
  storeCode: z.string(),
  status: z.string(),
  amount: MoneySchema,
  dueAt: IsoTime,
  urgency: z.enum(['due_soon', 'overdue']),
});
export type RefundDeadline = z.infer<typeof RefundDeadlineSchema>;

export const refundsDeadlines = defineContract({
  name: 'refunds.deadlines',
  input: z.object({}).strict(),
  output: z.array(RefundDeadlineSchema),
  access: 'approvals.decide',
  kind: 'read',
  background: true,
});
