import type { ReactNode } from 'react';
import { useRouter, useSignedIn } from '../../app/context';
import { IdleLock } from '../lock/IdleLock';
import { ScanListener } from '../lookup/ScanListener';
import { SessionRefresher } from '../sync/SessionRefresher';
import { NavBar } from './NavBar';
import { navKeyOf } from './nav';
import { TopBar } from './TopBar';

/** The signed-in frame: top bar, navigation, and the current feature. */
export function Shell({ children }: { children: ReactNode }) {
  const { user } = useSignedIn();
  const route = useRouter((s) => s.route.name);
  return (
    <div className="shell">
      <IdleLock />
      <ScanListener />
      <SessionRefresher />
      <TopBar />
      <div className="shell__body">
        <NavBar permissions={user.permissions} current={navKeyOf(route)} />
        <main className="shell__main">{children}</main>
      </div>
    </div>
  );
}
