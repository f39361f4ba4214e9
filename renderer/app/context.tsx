import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Api } from '../api/client';
import {
  createRouterStore,
  type RouterActions,
  type RouterState,
  type RouterStore,
} from './router';
import {
  createSessionStore,
  type SessionActions,
  type SessionState,
  type SessionStore,
} from './session';

interface AppContextValue {
  api: Api;
  session: SessionStore;
  router: RouterStore;
}

const AppContext = createContext<AppContextValue | null>(null);

/** Provides the API client and the session store, and keeps the session in step with the backend. */
export function AppProvider({ api, children }: { api: Api; children: ReactNode }) {
  const [session] = useState(() => createSessionStore(api));
  const [router] = useState(() => createRouterStore());

  // A different person at the till (or nobody) starts at their home screen.
  useEffect(
    () =>
      session.subscribe((state, previous) => {
        if (state.user?.id !== previous.user?.id) router.getState().reset();
      }),
    [session, router],
  );

  useEffect(() => {
    const offError = api.onCallError((_name, error) => {
      if (error.code === 'SESSION_LOCKED') session.getState().backendSaysLocked();
      else if (error.code === 'UNAUTHENTICATED') session.getState().backendSaysSignedOut();
    });
    const offSession = api.on('session.changed', () => void session.getState().refresh());
    void session.getState().refresh();
    return () => {
      offError();
      offSession();
    };
  }, [api, session]);

  return <AppContext.Provider value={{ api, session, router }}>{children}</AppContext.Provider>;
}

function useAppContext(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('AppProvider is missing');
  return value;
}

export function useApi(): Api {
  return useAppContext().api;
}

export function useSession<T>(selector: (state: SessionState & SessionActions) => T): T {
  return useStore(useAppContext().session, selector);
}

/** The signed-in user and device; only for components rendered inside the signed-in shell. */
export function useSignedIn() {
  const user = useSession((s) => s.user);
  const device = useSession((s) => s.device);
  if (!user || !device) throw new Error('useSignedIn outside the signed-in shell');
  return { user, device };
}

/** The current screen of the signed-in shell, and how to move to another. */
export function useRouter<T>(selector: (state: RouterState & RouterActions) => T): T {
  return useStore(useAppContext().router, selector);
}
