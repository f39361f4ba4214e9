import type { ReactNode } from 'react';
import type { CallState } from '../app/useCall';
import { ErrorNotice } from './ErrorNotice';
import { Loading } from './Loading';

/** Loading, error (with retry) or the data, for one call's state. */
export function CallView<T>({
  state,
  reload,
  timeZone,
  children,
}: {
  state: CallState<T>;
  reload?: () => void;
  timeZone?: string;
  children: (data: T) => ReactNode;
}) {
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return <ErrorNotice error={state.error} timeZone={timeZone} onRetry={reload} />;
  return <>{children(state.data)}</>;
}
