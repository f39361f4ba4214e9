import {
  AppError,
  MIN_PASSWORD_LENGTH,
  PIN_PATTERN,
  type ManagedUser,
} from '../../../shared/contracts';
import {
  SCOPE_KIND_OF_ROLE,
  secretKindOf,
  type Role,
  type UserScope,
} from '../../../shared/domain/permissions';
import {
  allUsers,
  insertUser,
  listRegions,
  listStoresWithRegion,
  updateUser,
  userById,
  userByUsername,
  type UserRow,
} from '../../../db/repositories/directory';
import { hashSecretSync } from '../auth/password';
import { userScopeOf } from '../call-context';
import type { HandlerContext, HandlerMap } from '../context';
import { auditableUser } from './session-user';

function checkSecret(kind: 'pin' | 'password', secret: string): void {
  const ok = kind === 'pin' ? PIN_PATTERN.test(secret) : secret.length >= MIN_PASSWORD_LENGTH;
  if (!ok) {
    throw new AppError(
      'WEAK_SECRET',
      kind === 'pin'
        ? 'A PIN is 4 to 8 digits.'
        : `A password has at least ${MIN_PASSWORD_LENGTH} characters.`,
      { kind },
    );
  }
}

function scopeLabels(ctx: HandlerContext) {
  const stores = new Map(listStoresWithRegion(ctx.db).map(({ store }) => [store.id, store.code]));
  const regions = new Map(listRegions(ctx.db).map((r) => [r.id, r.code]));
  return { stores, regions };
}

function checkScope(ctx: HandlerContext, role: Role, scope: UserScope): void {
  if (scope.kind !== SCOPE_KIND_OF_ROLE[role]) {
    throw new AppError(
      'ROLE_SCOPE_MISMATCH',
      `A ${role.replace('_', ' ')} works ${SCOPE_KIND_OF_ROLE[role] === 'chain' ? 'chain-wide' : `at one ${SCOPE_KIND_OF_ROLE[role]}`}.`,
      { role, expected: SCOPE_KIND_OF_ROLE[role] },
    );
  }
  const { stores, regions } = scopeLabels(ctx);
  if (scope.kind === 'store' && !stores.has(scope.storeId))
    throw new AppError('NOT_FOUND', 'No such store.');
  if (scope.kind === 'region' && !regions.has(scope.regionId))
    throw new AppError('NOT_FOUND', 'No such region.');
}

function scopeColumns(scope: UserScope) {
  return {
    scopeKind: scope.kind,
    scopeStoreId: scope.kind === 'store' ? scope.storeId : null,
    scopeRegionId: scope.kind === 'region' ? scope.regionId : null,
  };
}

function managedUser(row: UserRow, labels: ReturnType<typeof scopeLabels>): ManagedUser {
  const scope = userScopeOf(row);
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as Role,
    scope,
    scopeLabel:
      scope.kind === 'store'
        ? (labels.stores.get(scope.storeId) ?? null)
        : scope.kind === 'region'
          ? (labels.regions.get(scope.regionId) ?? null)
          : null,
    secretKind: row.secretKind as 'pin' | 'password',
    language: row.language as ManagedUser['language'],
    active: row.active,
    lockedUntil: row.lockedUntil,
    updatedAt: row.updatedAt,
  };
}

/** The store a change to this person belongs to, for the audit log and sync routing. */
function homeStoreOf(ctx: HandlerContext, row: UserRow): string {
  return row.scopeKind === 'store' && row.scopeStoreId ? row.scopeStoreId : ctx.device.storeId;
}

export const adminUserHandlers = {
  'users.all': (ctx) => {
    const labels = scopeLabels(ctx);
    return allUsers(ctx.db).map((row) => managedUser(row, labels));
  },

  'users.create': (ctx, input) => {
    checkScope(ctx, input.role, input.scope);
    const kind = secretKindOf(input.role);
    checkSecret(kind, input.secret);
    if (userByUsername(ctx.db, input.username))
      throw new AppError('USERNAME_TAKEN', `The username ${input.username} is taken.`);
    if (userById(ctx.db, input.id)) throw new AppError('CONFLICT', 'That id is in use.');
    const at = ctx.nowIso();
    const row = insertUser(ctx.db, {
      id: input.id,
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      ...scopeColumns(input.scope),
      secretKind: kind,
      secretHash: hashSecretSync(input.secret),
      language: input.language,
      active: true,
      createdAt: at,
      updatedAt: at,
    });
    ctx.recordChange({
      entityType: 'user',
      entityId: row.id,
      storeId: homeStoreOf(ctx, row),
      before: null,
      after: auditableUser(row),
      // The secret never enters the outbox: the hash travels as the user's row.
      mutation: { name: 'users.create', args: { id: row.id, username: row.username } },
    });
    return managedUser(row, scopeLabels(ctx));
  },

  'users.update': (ctx, input) => {
    const me = ctx.requireUser();
    const target = userById(ctx.db, input.userId);
    if (!target) throw new AppError('NOT_FOUND', 'No such user.');
    const role = input.role ?? (target.role as Role);
    const scope = input.scope ?? userScopeOf(target);
    if (target.id === me.row.id && (input.active === false || role !== target.role)) {
      throw new AppError(
        'CANNOT_CHANGE_SELF',
        'Ask another admin to deactivate you or change your role.',
      );
    }
    checkScope(ctx, role, scope);
    const kind = secretKindOf(role);
    if (kind !== target.secretKind && input.secret === undefined) {
      throw new AppError(
        'WEAK_SECRET',
        kind === 'pin'
          ? 'This role signs in with a PIN: set one.'
          : 'This role signs in with a password: set one.',
        { kind },
      );
    }
    if (input.secret !== undefined) checkSecret(kind, input.secret);
    const after = updateUser(ctx.db, target.id, {
      displayName: input.displayName ?? target.displayName,
      role,
      ...scopeColumns(scope),
      active: input.active ?? target.active,
      ...(input.secret !== undefined
        ? { secretKind: kind, secretHash: hashSecretSync(input.secret) }
        : {}),
      updatedAt: ctx.nowIso(),
    });
    ctx.recordChange({
      entityType: 'user',
      entityId: target.id,
      storeId: homeStoreOf(ctx, after),
      before: auditableUser(target),
      after: { ...auditableUser(after), reason: input.reason },
      mutation: { name: 'users.update', args: { userId: target.id, reason: input.reason } },
    });
    return managedUser(after, scopeLabels(ctx));
  },

  'users.resetSecret': (ctx, input) => {
    const target = userById(ctx.db, input.userId);
    if (!target) throw new AppError('NOT_FOUND', 'No such user.');
    checkSecret(target.secretKind as 'pin' | 'password', input.secret);
    const after = updateUser(ctx.db, target.id, {
      secretHash: hashSecretSync(input.secret),
      failedAttempts: 0,
      lockedUntil: null,
      updatedAt: ctx.nowIso(),
    });
    ctx.recordChange({
      entityType: 'user',
      entityId: target.id,
      action: 'users.resetSecret',
      storeId: homeStoreOf(ctx, after),
      before: auditableUser(target),
      after: { ...auditableUser(after), reason: input.reason },
      mutation: { name: 'users.resetSecret', args: { userId: target.id, reason: input.reason } },
    });
    return managedUser(after, scopeLabels(ctx));
  },
} satisfies Partial<HandlerMap>;
