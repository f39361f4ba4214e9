import { useEffect, useRef } from 'react';
import type { Permission } from '../../../shared/domain/permissions';
import { useRouter, useSignedIn } from '../../app/context';
import type { Route } from '../../app/router';
import { ApprovalsScreen } from '../approvals/ApprovalsScreen';
import { HomeRouter } from '../home/HomeRouter';
import { ReturnsScreen } from '../lookup/ReturnsScreen';
import { PrintersScreen } from '../printing/PrintersScreen';
import { ReturnScreen } from '../returns/ReturnScreen';
import { SyncScreen } from '../sync/SyncScreen';

/** What a screen needs; without it the user sees their home (the backend refuses anyway). */
const NEEDS: Record<Route['name'], Permission | null> = {
  home: null,
  returns: 'returns.create',
  return: 'returns.read',
  approvals: 'approvals.decide',
  printers: 'settings.manage',
  // Its parts need devices.enroll or sync.review; the status in it is anyone's to see.
  sync: null,
};

/** The current screen of the signed-in shell. */
export function Screens() {
  const { user } = useSignedIn();
  const route = useRouter((s) => s.route);
  const main = useRef<HTMLDivElement>(null);
  const need = NEEDS[route.name];
  const allowed = need === null || user.permissions.includes(need);

  // A new screen starts at its top.
  useEffect(() => {
    main.current?.closest('.shell__main')?.scrollTo?.({ top: 0 });
  }, [route]);

  let screen;
  if (!allowed) screen = <HomeRouter />;
  else if (route.name === 'returns') screen = <ReturnsScreen />;
  else if (route.name === 'return')
    screen = <ReturnScreen key={route.returnId} returnId={route.returnId} notice={route.notice} />;
  else if (route.name === 'approvals') screen = <ApprovalsScreen />;
  else if (route.name === 'printers') screen = <PrintersScreen />;
  else if (route.name === 'sync') screen = <SyncScreen />;
  else screen = <HomeRouter />;
  return <div ref={main}>{screen}</div>;
}
