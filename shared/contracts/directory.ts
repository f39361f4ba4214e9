import { z } from 'zod';
import { defineContract } from './contract';
import { CurrencySchema, Empty, Id, IsoTime, RoleSchema } from './common';

export const StoreSchema = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  regionId: Id,
  regionName: z.string(),
  timeZone: z.string(),
  currency: CurrencySchema,
  marketplaces: z.array(z.string()),
  address: z.string(),
});
export type Store = z.infer<typeof StoreSchema>;

export const directoryStores = defineContract({
  name: 'directory.stores',
  input: Empty,
  output: z.array(StoreSchema),
  access: 'directory.read',
  kind: 'read',
});

export const UserSummarySchema = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  lockedUntil: IsoTime.nullable(),
  failedAttempts: z.int(),
});

export const usersList = defineContract({
  name: 'users.list',
  input: z.object({ storeId: Id }).strict(),
  output: z.array(UserSummarySchema),
  access: 'users.unlock',
  kind: 'read',
  scope: (input) => ({ storeId: input.storeId }),
});

export const usersUnlock = defineContract({
  name: 'users.unlock',
  input: z.object({ userId: Id, reason: z.string().trim().min(3).max(500) }).strict(),
  output: UserSummarySchema,
  access: 'users.unlock',
  kind: 'change',
});
