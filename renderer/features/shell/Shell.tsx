import type { ReactNode } from 'react';
import { useSignedIn } from '../../app/context';
import { IdleLock } from '../lock/IdleLock';
import { NavBar } from './NavBar';
import { TopBar } from './TopBar';

/** The signed-in frame: top bar, navigation, and the current feature. */
export function Shell({ children }: { children: ReactNode }) {
  const { user } = useSignedIn();
  return (
    <div className="shell">
      <IdleLock />
      <TopBar />
      <div className="shell__body">
        <NavBar permissions={user.permissions} current="home" />
        <main className="shell__main">{children}</main>
      </div>
    </div>
  );
}
