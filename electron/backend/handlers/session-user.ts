import type { SessionUser } from '../../../shared/contracts';
import { permissionsOf } from '../../../shared/domain/permissions';
import type { UserRow } from '../../../db/repositories/directory';
import { signedInUser } from '../call-context';

export function toSessionUser(row: UserRow): SessionUser {
  const user = signedInUser(row);
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: user.role,
    scope: user.scope,
    language: row.language === 'zh-CN' ? 'zh-CN' : 'en',
    permissions: [...permissionsOf(user.role)],
  };
}

/** A user as the audit log may show it: never the secret hash. */
export function auditableUser(row: UserRow) {
  const { secretHash: _secretHash, ...rest } = row;
  return rest;
}
