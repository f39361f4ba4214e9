import { useCallback, useEffect, useState } from 'react';
import type { AppErrorBody, CallInput, CallName, CallOutput } from '../../shared/contracts';
import type { SyncTable } from '../../shared/sync/protocol';
import { useApi } from './context';

export type CallState<T> =
  | { status: 'loading'; data: null; error: null }
  | { status: 'ok'; data: T; error: null }
  | { status: 'error'; data: null; error: AppErrorBody };

export interface UseCallOptions {
  /**
   * Read again when rows of these tables arrive from the back office (`data.changed`), so a
   * decision made elsewhere shows without a reload. The last answer stays shown meanwhile.
   */
  refreshOn?: readonly SyncTable[];
}

/**
 * Runs a read call when the component mounts (and again when `input` changes or `reload`
 * is called). `input` null skips the call. Results live in the component, not in a store.
 */
export function useCall<N extends CallName>(
  name: N,
  input: CallInput<N> | null,
  options: UseCallOptions = {},
): CallState<CallOutput<N>> & { reload: () => void } {
  const api = useApi();
  const [state, setState] = useState<CallState<CallOutput<N>>>({
    status: 'loading',
    data: null,
    error: null,
  });
  const [generation, setGeneration] = useState(0);
  const key = input === null ? null : JSON.stringify(input);

  useEffect(() => {
    if (key === null) return;
    let cancelled = false;
    void api.call(name, JSON.parse(key) as CallInput<N>).then((answer) => {
      if (cancelled) return;
      setState(
        answer.ok
          ? { status: 'ok', data: answer.data, error: null }
          : { status: 'error', data: null, error: answer.error },
      );
    });
    return () => {
      cancelled = true;
    };
  }, [api, name, key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  const refreshKey = options.refreshOn?.join(',') ?? '';
  useEffect(() => {
    if (!refreshKey) return;
    const watched = new Set(refreshKey.split(','));
    return api.on('data.changed', ({ tables }) => {
      if (tables.some((table) => watched.has(table))) reload();
    });
  }, [api, refreshKey, reload]);
  return { ...state, reload };
}
