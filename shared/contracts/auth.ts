import { z } from 'zod';
import { defineContract } from './contract';
import {
  Id,
  IsoTime,
  LanguageSchema,
  PermissionSchema,
  RoleSchema,
  UserScopeSchema,
  Empty,
} from './common';

export const SessionUserSchema = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  scope: UserScopeSchema,
  language: LanguageSchema,
  permissions: z.array(PermissionSchema),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const DeviceInfoSchema = z.object({
  id: Id,
  code: z.string(),
  storeId: Id,
  storeCode: z.string(),
  storeName: z.string(),
  timeZone: z.string(),
});

const Username = z.string().trim().min(1).max(64);
/** PINs are 4–8 digits; passwords 8–128 characters. Which one a user has is stored with them. */
const Secret = z.string().min(4).max(128);

export const sessionCurrent = defineContract({
  name: 'session.current',
  input: Empty,
  output: z.object({
    user: SessionUserSchema.nullable(),
    locked: z.boolean(),
    device: DeviceInfoSchema,
    idleLockSeconds: z.int(),
  }),
  access: 'public',
  kind: 'read',
  background: true,
});

export const authTillUsers = defineContract({
  name: 'auth.tillUsers',
  input: Empty,
  output: z.array(
    z.object({
      username: z.string(),
      displayName: z.string(),
      role: RoleSchema,
      secretKind: z.enum(['pin', 'password']),
    }),
  ),
  access: 'public',
  kind: 'read',
});

export const authSignIn = defineContract({
  name: 'auth.signIn',
  input: z.object({ username: Username, secret: Secret }).strict(),
  output: SessionUserSchema,
  access: 'public',
  kind: 'self',
});

export const authUnlock = defineContract({
  name: 'auth.unlock',
  input: z.object({ secret: Secret }).strict(),
  output: SessionUserSchema,
  access: 'public',
  kind: 'self',
});

export const authLock = defineContract({
  name: 'auth.lock',
  input: Empty,
  output: z.object({ locked: z.literal(true) }),
  access: 'public',
  kind: 'self',
});

export const authSignOut = defineContract({
  name: 'auth.signOut',
  input: Empty,
  output: z.object({ signedOut: z.literal(true) }),
  access: 'public',
  kind: 'self',
});

export const meSetLanguage = defineContract({
  name: 'me.setLanguage',
  input: z.object({ language: LanguageSchema }).strict(),
  output: z.object({ language: LanguageSchema, updatedAt: IsoTime }),
  access: 'signedIn',
  kind: 'change',
});

/**
 * A manager authorises one action at a clerk's till with their own PIN, without signing the
 * clerk out: the answer is a single-use grant for that purpose, valid for two minutes.
 */
export const STEP_UP_PURPOSES = ['returns.override', 'approvals.decide'] as const;
export const authStepUp = defineContract({
  name: 'auth.stepUp',
  input: z
    .object({ username: Username, secret: Secret, purpose: z.enum(STEP_UP_PURPOSES) })
    .strict(),
  output: z.object({
    grantId: z.string(),
    user: z.object({ id: Id, displayName: z.string(), role: RoleSchema }),
    expiresAt: IsoTime,
  }),
  access: 'signedIn',
  kind: 'self',
});
