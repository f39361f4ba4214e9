import { useCallback, useEffect, useState } from 'react';
import type { AppErrorBody, CallInput, CallName, CallOutput } from '../../shared/contracts';
import { useApi } from './context';

export type CallState<T> =
  | { status: 'loading'; data: null; error: null }
  | { status: 'ok'; data: T; error: null }
  | { status: 'error'; data: null; error: AppErrorBody };

/**
 * Runs a read call when the component mounts (and again when `input` changes or `reload`
 * is called). `input` null skips the call. Results live in the component, not in a store.
 */
export function useCall<N extends CallName>(
  name: N,
  input: CallInput<N> | null,
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
  return { ...state, reload };
}
