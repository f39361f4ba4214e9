import { z } from 'zod';
import { defineContract } from './contract';
import { Id, IsoTime, LanguageSchema, RoleSchema, UserScopeSchema } from './common';

/**
 * The admin's directory screen: people, their roles and where they work. Changes are made at
 * the admin's desktop like any other change and reach the back office (and every desktop that
 * may see the person) through sync.
 */

/** Till roles sign in with a PIN of 4–8 digits; chain roles with a password of 10+ characters. */
export const PIN_PATTERN = /^\d{4,8}$/;
export const MIN_PASSWORD_LENGTH = 10;

export const ManagedUserSchema = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  scope: UserScopeSchema,
  /** Store code or region code of the scope, for display; null for chain-wide people. */
  scopeLabel: z.string().nullable(),
  secretKind: z.enum(['pin', 'password']),
  language: LanguageSchema,
  active: z.boolean(),
  lockedUntil: IsoTime.nullable(),
  updatedAt: IsoTime,
});
export type ManagedUser = z.infer<typeof ManagedUserSchema>;

const DisplayName = z.string().trim().min(1).max(100);
const NewUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'letters, digits, dot, dash or underscore');
const NewSecret = z.string().min(4).max(128);

export const usersAll = defineContract({
  name: 'users.all',
  input: z.object({}).strict(),
  output: z.array(ManagedUserSchema),
  access: 'users.manage',
  kind: 'read',
});

export const usersCreate = defineContract({
  name: 'users.create',
  input: z
    .object({
      /** Made on the device, like every id. */
      id: Id,
      username: NewUsername,
      displayName: DisplayName,
      role: RoleSchema,
      scope: UserScopeSchema,
      secret: NewSecret,
      language: LanguageSchema.default('en'),
    })
    .strict(),
  output: ManagedUserSchema,
  access: 'users.manage',
  kind: 'change',
});

export const usersUpdate = defineContract({
  name: 'users.update',
  input: z
    .object({
      userId: Id,
      displayName: DisplayName.optional(),
      role: RoleSchema.optional(),
      scope: UserScopeSchema.optional(),
      active: z.boolean().optional(),
      /** Needed when the new role signs in with another kind of secret (PIN ↔ password). */
      secret: NewSecret.optional(),
      reason: z.string().trim().min(3).max(500),
    })
    .strict(),
  output: ManagedUserSchema,
  access: 'users.manage',
  kind: 'change',
});

export const usersResetSecret = defineContract({
  name: 'users.resetSecret',
  input: z
    .object({ userId: Id, secret: NewSecret, reason: z.string().trim().min(3).max(500) })
    .strict(),
  output: ManagedUserSchema,
  access: 'users.manage',
  kind: 'change',
});
