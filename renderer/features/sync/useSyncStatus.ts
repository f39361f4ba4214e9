import { useEffect, useState } from 'react';
import type { AppErrorBody, SyncStatus } from '../../../shared/contracts';
import { useApi } from '../../app/context';

/**
 * No polling: a timer's calls would look like activity to the backend's idle lock. The
 * backend pushes `sync.status` events; the status is re-read when the window regains focus or
 * the network comes back, in case an event was missed meanwhile.
 */
const RELOAD_ON = ['focus', 'online'] as const;

/** The sync status as the backend last told it, kept current by its events. */
export function useSyncStatus(): {
  status: SyncStatus | null;
  error: AppErrorBody | null;
  /** Take a status answered by a call (sync.now, sync.enroll) before its event arrives. */
  set: (status: SyncStatus) => void;
} {
  const api = useApi();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<AppErrorBody | null>(null);

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      const answer = await api.call('sync.status', {});
      if (cancelled) return;
      if (answer.ok) {
        setStatus(answer.data);
        setError(null);
      } else {
        setError(answer.error);
      }
    };
    void load();
    const off = api.on('sync.status', (payload) => {
      setStatus(payload);
      setError(null);
    });
    const reload = () => void load();
    for (const name of RELOAD_ON) window.addEventListener(name, reload);
    return () => {
      cancelled = true;
      off();
      for (const name of RELOAD_ON) window.removeEventListener(name, reload);
    };
  }, [api]);

  return { status, error, set: setStatus };
}

/** Re-renders every `everyMs` so "2 minutes ago" stays true (no call is made). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
