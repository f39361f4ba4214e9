import { AppError } from '../../../shared/contracts';
import { hasPermission, scopeCovers } from '../../../shared/domain/permissions';
import {
  updateUser,
  userById,
  userByUsername,
  usersForStore,
  type UserRow,
} from '../../../db/repositories/directory';
import { decoyHash, verifySecret } from '../auth/password';
import { signedInUser, userScopeOf } from '../call-context';
import type { HandlerContext, HandlerMap } from '../context';
import { auditableUser, toSessionUser } from './session-user';

/**
 * Signing in, locking and unlocking a shared till. Failures are written even though the call
 * fails (kind `self`): the fifth wrong PIN locks the account, and the lock is audited and
 * queued for the back office.
 */
export const authHandlers = {
  'session.current': (ctx) => {
    const session = ctx.session;
    const settings = ctx.storeSettings(ctx.device.storeId);
    let user = null;
    if (session) {
      const row = userById(ctx.db, session.userId);
      if (row?.active) {
        ctx.sessions.applyIdleLock(session, ctx.now(), settings.idleLockSeconds);
        user = toSessionUser(row);
      } else ctx.sessions.end(ctx.channel);
    }
    return {
      user,
      locked: Boolean(user && session?.locked),
      device: {
        id: ctx.device.id,
        code: ctx.device.code,
        storeId: ctx.device.storeId,
        storeCode: ctx.device.storeCode,
        storeName: ctx.device.storeName,
        timeZone: ctx.device.timeZone,
      },
      idleLockSeconds: settings.idleLockSeconds,
    };
  },

  'auth.tillUsers': (ctx) =>
    usersForStore(ctx.db, ctx.device.storeId, ctx.device.regionId).map((row) => ({
      username: row.username,
      displayName: row.displayName,
      role: row.role as never,
      secretKind: row.secretKind === 'password' ? ('password' as const) : ('pin' as const),
    })),

  'auth.signIn': async (ctx, input) => {
    const row = userByUsername(ctx.db, input.username);
    if (!row || !row.active) {
      await verifySecret(input.secret, await decoyHash());
      ctx.db.$client.transaction(() =>
        ctx.audit({
          action: 'auth.signInFailed',
          userId: row?.id ?? null,
          entityType: 'user',
          entityId: row?.id ?? null,
          storeId: ctx.device.storeId,
          before: null,
          after: { username: input.username, reason: row ? 'disabled' : 'unknown_user' },
        }),
      )();
      throw new AppError(
        row ? 'ACCOUNT_DISABLED' : 'BAD_CREDENTIALS',
        row ? 'This account is disabled.' : 'Wrong username or PIN.',
      );
    }
    await checkSecret(ctx, row, input.secret, 'auth.signIn');
    if (!scopeCovers(userScopeOf(row), { storeId: ctx.device.storeId }, ctx.regionOfStore)) {
      ctx.db.$client.transaction(() =>
        ctx.audit({
          action: 'auth.signInRefused',
          userId: row.id,
          entityType: 'user',
          entityId: row.id,
          storeId: ctx.device.storeId,
          before: null,
          after: { reason: 'wrong_store' },
        }),
      )();
      throw new AppError('WRONG_STORE', 'You are not staff of this store.');
    }
    ctx.sessions.start(ctx.channel, row.id, ctx.now());
    ctx.db.$client.transaction(() =>
      ctx.audit({
        action: 'auth.signedIn',
        userId: row.id,
        entityType: 'session',
        entityId: row.id,
        storeId: ctx.device.storeId,
        before: null,
        after: null,
      }),
    )();
    ctx.emit('session.changed', { reason: 'signedIn' });
    return toSessionUser(userById(ctx.db, row.id)!);
  },

  'auth.unlock': async (ctx, input) => {
    const session = ctx.session;
    const row = session ? userById(ctx.db, session.userId) : undefined;
    if (!session || !row?.active) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
    await checkSecret(ctx, row, input.secret, 'auth.unlock');
    session.locked = false;
    session.lastActivityAt = ctx.now();
    ctx.db.$client.transaction(() =>
      ctx.audit({
        action: 'auth.unlocked',
        userId: row.id,
        entityType: 'session',
        entityId: row.id,
        storeId: ctx.device.storeId,
        before: null,
        after: null,
      }),
    )();
    ctx.emit('session.changed', { reason: 'unlocked' });
    return toSessionUser(row);
  },

  'auth.lock': (ctx) => {
    const session = ctx.session;
    if (session && !session.locked) {
      session.locked = true;
      ctx.db.$client.transaction(() =>
        ctx.audit({
          action: 'auth.locked',
          userId: session.userId,
          entityType: 'session',
          entityId: session.userId,
          storeId: ctx.device.storeId,
          before: null,
          after: null,
        }),
      )();
      ctx.emit('session.changed', { reason: 'locked' });
    }
    return { locked: true as const };
  },

  'auth.signOut': (ctx) => {
    const session = ctx.session;
    if (session) {
      ctx.sessions.end(ctx.channel);
      ctx.db.$client.transaction(() =>
        ctx.audit({
          action: 'auth.signedOut',
          userId: session.userId,
          entityType: 'session',
          entityId: session.userId,
          storeId: ctx.device.storeId,
          before: null,
          after: null,
        }),
      )();
      ctx.emit('session.changed', { reason: 'signedOut' });
    }
    return { signedOut: true as const };
  },

  'auth.stepUp': async (ctx, input) => {
    const row = userByUsername(ctx.db, input.username);
    if (!row || !row.active) {
      await verifySecret(input.secret, await decoyHash());
      throw new AppError('BAD_CREDENTIALS', 'Wrong username or PIN.');
    }
    // Wrong PINs count toward the manager's own lockout, exactly as at sign-in.
    await checkSecret(ctx, row, input.secret, 'auth.stepUp');
    const manager = signedInUser(row);
    if (!hasPermission(manager.role, input.purpose)) {
      throw new AppError('FORBIDDEN', 'That person may not authorise this.', {
        permission: input.purpose,
      });
    }
    if (!scopeCovers(manager.scope, { storeId: ctx.device.storeId }, ctx.regionOfStore)) {
      throw new AppError('OUT_OF_SCOPE', 'That manager is not responsible for this store.');
    }
    const grant = ctx.grants.issue(ctx.channel, input.purpose, row.id, ctx.now());
    ctx.db.$client.transaction(() =>
      ctx.audit({
        action: 'auth.stepUp',
        entityType: 'user',
        entityId: row.id,
        storeId: ctx.device.storeId,
        before: null,
        after: { purpose: input.purpose, managerId: row.id, tillUserId: ctx.user?.row.id ?? null },
      }),
    )();
    return {
      grantId: grant.id,
      user: { id: row.id, displayName: row.displayName, role: manager.role },
      expiresAt: new Date(grant.expiresAt).toISOString(),
    };
  },

  'me.setLanguage': (ctx, input) => {
    const { row } = ctx.requireUser();
    const updatedAt = ctx.nowIso();
    const after = updateUser(ctx.db, row.id, { language: input.language, updatedAt });
    ctx.recordChange({
      entityType: 'user',
      entityId: row.id,
      storeId: ctx.device.storeId,
      before: { language: row.language },
      after: { language: after.language },
      mutation: { name: 'users.setLanguage', args: { userId: row.id, language: input.language } },
    });
    return { language: input.language, updatedAt };
  },
} satisfies Partial<HandlerMap>;

/**
 * Checks a PIN or password. A locked account is refused before the hash is tried; a wrong
 * secret counts, and the one that reaches the store's limit locks the account.
 */
async function checkSecret(
  ctx: HandlerContext,
  row: UserRow,
  secret: string,
  via: string,
): Promise<void> {
  const now = ctx.now();
  if (row.lockedUntil && Date.parse(row.lockedUntil) > now) {
    throw new AppError('ACCOUNT_LOCKED', 'Too many wrong attempts; this account is locked.', {
      lockedUntil: row.lockedUntil,
    });
  }
  if (await verifySecret(secret, row.secretHash)) {
    if (row.failedAttempts > 0 || row.lockedUntil) {
      ctx.db.$client.transaction(() =>
        updateUser(ctx.db, row.id, {
          failedAttempts: 0,
          lockedUntil: null,
          updatedAt: ctx.nowIso(),
        }),
      )();
    }
    return;
  }
  const { maxFailedSignIns, lockoutMinutes } = ctx.storeSettings(ctx.device.storeId);
  const outcome = ctx.db.$client.transaction(() => {
    // Re-read inside the transaction: two tills may be failing at once.
    const current = userById(ctx.db, row.id)!;
    const expiredLock = current.lockedUntil !== null && Date.parse(current.lockedUntil) <= now;
    const attempts = (expiredLock ? 0 : current.failedAttempts) + 1;
    if (attempts >= maxFailedSignIns) {
      const lockedUntil = new Date(now + lockoutMinutes * 60_000).toISOString();
      const after = updateUser(ctx.db, row.id, {
        failedAttempts: attempts,
        lockedUntil,
        updatedAt: ctx.nowIso(),
      });
      ctx.recordChange({
        action: 'auth.accountLocked',
        entityType: 'user',
        entityId: row.id,
        storeId: ctx.device.storeId,
        before: auditableUser(current),
        after: auditableUser(after),
        mutation: {
          name: 'users.lock',
          args: { userId: row.id, lockedUntil, failedAttempts: attempts, via },
        },
      });
      if (ctx.session?.userId === row.id) ctx.sessions.end(ctx.channel);
      return { locked: true as const, lockedUntil };
    }
    updateUser(ctx.db, row.id, {
      failedAttempts: attempts,
      lockedUntil: null,
      updatedAt: ctx.nowIso(),
    });
    ctx.audit({
      action: `${via}Failed`,
      userId: row.id,
      entityType: 'user',
      entityId: row.id,
      storeId: ctx.device.storeId,
      before: null,
      after: { failedAttempts: attempts },
    });
    return { locked: false as const, attemptsLeft: maxFailedSignIns - attempts };
  })();
  if (outcome.locked) {
    throw new AppError('ACCOUNT_LOCKED', 'Too many wrong attempts; this account is now locked.', {
      lockedUntil: outcome.lockedUntil,
    });
  }
  throw new AppError('BAD_CREDENTIALS', 'Wrong username or PIN.', {
    attemptsLeft: outcome.attemptsLeft,
  });
}
