import { z } from 'zod';
import { CURRENCIES } from '../domain/money';
import { PERMISSIONS, ROLES } from '../domain/permissions';

export const Id = z.uuid();
export const IsoTime = z.iso.datetime({ offset: false });
export const CurrencySchema = z
  .enum(CURRENCIES as [string, ...string[]])
  .transform((c) => c as (typeof CURRENCIES)[number]);
export const MoneySchema = z.object({ amountMinor: z.int(), currency: CurrencySchema });
export const RoleSchema = z.enum(ROLES);
export const PermissionSchema = z.enum(PERMISSIONS);
export const LanguageSchema = z.enum(['en', 'zh-CN']);
export type Language = z.infer<typeof LanguageSchema>;

export const UserScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('store'), storeId: Id }),
  z.object({ kind: z.literal('region'), regionId: Id }),
  z.object({ kind: z.literal('chain') }),
]);

export const Empty = z.object({}).strict();
