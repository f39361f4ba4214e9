import type { ManagedUser, Store } from '../../../shared/contracts';
import type { Role, UserScope } from '../../../shared/domain/permissions';

/** Where each role works; the backend enforces the same rule (ROLE_SCOPE_MISMATCH). */
export const SCOPE_KIND_OF_ROLE: Record<Role, UserScope['kind']> = {
  clerk: 'store',
  store_manager: 'store',
  regional_manager: 'region',
  finance: 'chain',
  admin: 'chain',
};

export function secretKindOf(role: Role): 'pin' | 'password' {
  return SCOPE_KIND_OF_ROLE[role] === 'chain' ? 'password' : 'pin';
}

export interface Region {
  id: string;
  name: string;
}

/** The regions, from the stores the admin can see (each store names its region). */
export function regionsOf(stores: readonly Store[]): Region[] {
  const byId = new Map(stores.map((s) => [s.regionId, { id: s.regionId, name: s.regionName }]));
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The scope a role gets from the place picked in the form (a store id or a region id). */
export function scopeFor(role: Role, placeId: string): UserScope | null {
  const kind = SCOPE_KIND_OF_ROLE[role];
  if (kind === 'chain') return { kind: 'chain' };
  if (!placeId) return null;
  return kind === 'store'
    ? { kind: 'store', storeId: placeId }
    : { kind: 'region', regionId: placeId };
}

export function placeIdOf(scope: UserScope): string {
  return scope.kind === 'store' ? scope.storeId : scope.kind === 'region' ? scope.regionId : '';
}

export function matchesFilter(user: ManagedUser, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  return (
    user.username.toLowerCase().includes(needle) ||
    user.displayName.toLowerCase().includes(needle) ||
    (user.scopeLabel ?? '').toLowerCase().includes(needle)
  );
}
