import type { Permission } from '../../../shared/domain/permissions';
import type { RouteName } from '../../app/router';

export type NavKey = 'home' | 'returns' | 'refunds' | 'approvals' | 'printers' | 'sync' | 'admin';

export interface NavItem {
  key: NavKey;
  /** Shown when the user holds any of these (empty: everyone signed in). */
  anyOf: readonly Permission[];
  /** The screen it opens; null: listed as "coming soon". */
  route: 'home' | 'returns' | 'approvals' | 'printers' | 'sync' | null;
}

/**
 * Inspection, labels and refund requests happen on a return's own screen (reached from
 * Returns, a scan, or the home screen's recent returns), so they have no item of their own.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', anyOf: [], route: 'home' },
  { key: 'returns', anyOf: ['returns.create'], route: 'returns' },
  { key: 'approvals', anyOf: ['approvals.decide'], route: 'approvals' },
  { key: 'printers', anyOf: ['settings.manage'], route: 'printers' },
  { key: 'refunds', anyOf: ['finance.read'], route: null },
  { key: 'sync', anyOf: ['devices.enroll', 'sync.review'], route: 'sync' },
  { key: 'admin', anyOf: ['users.unlock', 'settings.manage', 'audit.verify'], route: null },
];

/** The navigation a user sees, from the permissions the backend gave the session. */
export function navFor(permissions: readonly Permission[]): NavItem[] {
  return NAV_ITEMS.filter(
    (item) => item.anyOf.length === 0 || item.anyOf.some((p) => permissions.includes(p)),
  );
}

/** Which item is highlighted on a screen (a return belongs to Returns). */
export function navKeyOf(route: RouteName): NavKey {
  switch (route) {
    case 'returns':
    case 'return':
      return 'returns';
    case 'approvals':
      return 'approvals';
    case 'printers':
      return 'printers';
    case 'sync':
      return 'sync';
    case 'home':
      return 'home';
  }
}
