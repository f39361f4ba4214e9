import { z } from 'zod';
import { defineContract } from './contract';
import { Id, IsoTime, MoneySchema, CurrencySchema } from './common';

export const OrderSummarySchema = z.object({
  id: Id,
  amazonOrderId: z.string(),
  marketplace: z.string(),
  purchasedAt: IsoTime,
  deliveredAt: IsoTime.nullable(),
  status: z.string(),
  /** Masked unless the role may see personal data (DESIGN.md §4). */
  buyerName: z.string(),
  lineCount: z.int(),
  itemCount: z.int(),
  total: MoneySchema,
});
export type OrderSummary = z.infer<typeof OrderSummarySchema>;

export const ordersRecent = defineContract({
  name: 'orders.recent',
  input: z.object({ storeId: Id, limit: z.int().min(1).max(100).default(20) }).strict(),
  output: z.array(OrderSummarySchema),
  access: 'orders.read',
  kind: 'read',
  scope: (input) => ({ storeId: input.storeId }),
});

export const financeOrderTotals = defineContract({
  name: 'finance.orderTotals',
  input: z.object({ days: z.int().min(1).max(365).default(30) }).strict(),
  output: z.array(
    z.object({ currency: CurrencySchema, orders: z.int(), gross: MoneySchema, tax: MoneySchema }),
  ),
  access: 'finance.read',
  kind: 'read',
});
