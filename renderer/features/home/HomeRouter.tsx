import type { ComponentType } from 'react';
import type { Role } from '../../../shared/domain/permissions';
import { useSignedIn } from '../../app/context';
import { AdminHome, ClerkHome, FinanceHome, RegionalManagerHome, StoreManagerHome } from './homes';

export const HOME_BY_ROLE: Record<Role, ComponentType> = {
  clerk: ClerkHome,
  store_manager: StoreManagerHome,
  regional_manager: RegionalManagerHome,
  finance: FinanceHome,
  admin: AdminHome,
};

/** The signed-in user's home screen, by role. */
export function HomeRouter() {
  const { user } = useSignedIn();
  const Home = HOME_BY_ROLE[user.role];
  return <Home />;
}
