import { type Role } from '../domain/permissions';

/**
 * The sign-in secret every demo user of a role gets, so a trainer can tell a room "clerks use
 * 1234". PINs for people at the counter (quick to type at a till), passwords for the office
 * roles. Plain here on purpose: the db seeder hashes them before they are stored.
 */
export const DEMO_SECRETS: Readonly<Record<Role, string>> = {
  clerk: '1234',
  store_manager: '2468',
  regional_manager: '1357',
  finance: 'finance-demo',
  admin: 'admin-demo',
};
