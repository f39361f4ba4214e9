import type { Permission } from '../../../shared/domain/permissions';

export type NavKey =
  'home' | 'intake' | 'qc' | 'labels' | 'refunds' | 'approvals' | 'sync' | 'admin';

export interface NavItem {
  key: NavKey;
  /** Shown when the user holds any of these (empty: everyone signed in). */
  anyOf: readonly Permission[];
  /** Only Home exists so far; the rest are listed as "coming soon". */
  available: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', anyOf: [], available: true },
  { key: 'intake', anyOf: ['returns.create'], available: false },
  { key: 'qc', anyOf: ['returns.create'], available: false },
  { key: 'labels', anyOf: ['returns.create'], available: false },
  {
    key: 'refunds',
    anyOf: ['returns.create', 'approvals.decide', 'finance.read'],
    available: false,
  },
  { key: 'approvals', anyOf: ['approvals.decide'], available: false },
  { key: 'sync', anyOf: [], available: false },
  { key: 'admin', anyOf: ['users.unlock', 'settings.manage', 'audit.verify'], available: false },
];

/** The navigation a user sees, from the permissions the backend gave the session. */
export function navFor(permissions: readonly Permission[]): NavItem[] {
  return NAV_ITEMS.filter(
    (item) => item.anyOf.length === 0 || item.anyOf.some((p) => permissions.includes(p)),
  );
}
