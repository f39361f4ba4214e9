import { useCallback } from 'react';
import { useSession } from '../../app/context';
import { useIdleLock } from './useIdleLock';

/** Locks the till after the store's idle time; rendered only while someone is signed in. */
export function IdleLock() {
  const seconds = useSession((s) => s.idleLockSeconds);
  const lock = useSession((s) => s.lock);
  const onIdle = useCallback(() => void lock(), [lock]);
  useIdleLock(seconds, onIdle);
  return null;
}
