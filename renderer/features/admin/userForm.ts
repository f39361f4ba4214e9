import type { ManagedUser, Store } from '../../../shared/contracts';
import { SCOPE_KIND_OF_ROLE, type Role, type UserScope } from '../../../shared/domain/permissions';

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
