/**
 * Roles, what each may do, and where. The backend's registry is the only enforcer: the UI
 * uses the same tables only to decide what to show.
 */
export const ROLES = ['clerk', 'store_manager', 'regional_manager', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'orders.read',
  'returns.create',
  'users.unlock',
  'settings.manage',
  'audit.read',
  'audit.verify',
  'approvals.decide',
  'finance.read',
  'directory.read',
  /** See buyers' names and contact details unmasked. */
  'customers.personal',
  'returns.read',
  /** Take a return the policy refuses (outside the window, non-returnable), with a reason. */
  'returns.override',
  'qc.inspect',
  'labels.print',
  'refunds.request',
  /** Create people, change their role or home, deactivate them, reset their PIN or password. */
  'users.manage',
  /** Publish refund policy versions (thresholds, tiers, deadlines, offline limits). */
  'policies.manage',
  /** Enrol this desktop with the back office (a code an admin made). */
  'devices.enroll',
  /** See the changes the back office refused, with its reasons. */
  'sync.review',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  clerk: [
    'orders.read',
    'returns.create',
    'returns.read',
    'qc.inspect',
    'labels.print',
    'refunds.request',
    'directory.read',
  ],
  store_manager: [
    'orders.read',
    'returns.create',
    'returns.read',
    'returns.override',
    'qc.inspect',
    'labels.print',
    'refunds.request',
    'users.unlock',
    'settings.manage',
    'audit.read',
    'approvals.decide',
    'directory.read',
    'customers.personal',
    'devices.enroll',
    'sync.review',
  ],
  regional_manager: [
    'orders.read',
    'returns.read',
    'returns.override',
    'users.unlock',
    'settings.manage',
    'audit.read',
    'approvals.decide',
    'directory.read',
    'customers.personal',
    'sync.review',
  ],
  finance: ['orders.read', 'returns.read', 'finance.read', 'audit.read', 'directory.read'],
  admin: [
    'orders.read',
    'returns.read',
    'users.unlock',
    'settings.manage',
    'audit.read',
    'audit.verify',
    'directory.read',
    'users.manage',
    'policies.manage',
    'devices.enroll',
    'sync.review',
  ],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

/** Where a user may act: one store, one region (all its stores), or the whole chain. */
export type UserScope =
  { kind: 'store'; storeId: string } | { kind: 'region'; regionId: string } | { kind: 'chain' };

/** What a call touches, as named by its contract. */
export type ScopeTarget = { storeId: string } | { regionId: string };

/** The scope kind each role is given; the directory refuses any other combination. */
export const ROLE_SCOPE_KIND: Record<Role, UserScope['kind']> = {
  clerk: 'store',
  store_manager: 'store',
  regional_manager: 'region',
  finance: 'chain',
  admin: 'chain',
};

/**
 * Does `scope` cover `target`? `regionOfStore` answers which region a store belongs to
 * (undefined for an unknown store, which nobody but the chain covers).
 */
export function scopeCovers(
  scope: UserScope,
  target: ScopeTarget,
  regionOfStore: (storeId: string) => string | undefined,
): boolean {
  if (scope.kind === 'chain') return true;
  if ('storeId' in target) {
    if (scope.kind === 'store') return scope.storeId === target.storeId;
    return regionOfStore(target.storeId) === scope.regionId;
  }
  return scope.kind === 'region' && scope.regionId === target.regionId;
}

/**
 * Where each role works: clerks and store managers at a store, regional managers in a region,
 * finance and admins chain-wide. The admin's directory screen and its backend both hold to it.
 */
export const SCOPE_KIND_OF_ROLE: Readonly<Record<Role, UserScope['kind']>> = {
  clerk: 'store',
  store_manager: 'store',
  regional_manager: 'region',
  finance: 'chain',
  admin: 'chain',
};

/** Counter roles type a PIN on the pad; chain roles, who work from an office, a password. */
export function secretKindOf(role: Role): 'pin' | 'password' {
  return SCOPE_KIND_OF_ROLE[role] === 'chain' ? 'password' : 'pin';
}
