import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Api } from '../api/client';
import {
  createSessionStore,
  type SessionActions,
  type SessionState,
  type SessionStore,
} from './session';

interface AppContextValue {
  api: Api;
  session: SessionStore;
}

const AppContext = createContext<AppContextValue | null>(null);

/** Provides the API client and the session store, and keeps the session in step with the backend. */
export function AppProvider({ api, children }: { api: Api; children: ReactNode }) {
  const [session] = useState(() => createSessionStore(api));

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

  return <AppContext.Provider value={{ api, session }}>{children}</AppContext.Provider>;
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
