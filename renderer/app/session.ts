import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppErrorBody, CallOutput, SessionUser } from '../../shared/contracts';
import type { Api } from '../api/client';

export type DeviceInfo = CallOutput<'session.current'>['device'];
export type SecretKind = 'pin' | 'password';

/**
 * Who is at the till, as the UI needs to know it. The backend is the authority; this is a
 * copy for rendering, refreshed from `session.current` and cleared on sign-out.
 */
export interface SessionState {
  phase: 'loading' | 'unavailable' | 'signedOut' | 'locked' | 'signedIn';
  user: SessionUser | null;
  device: DeviceInfo | null;
  idleLockSeconds: number;
  /** Why the session could not be read (phase `unavailable`). */
  error: AppErrorBody | null;
  /** The signed-in user's secret kind, when known from the till list (labels the lock screen). */
  secretKind: SecretKind | null;
}

export interface SessionActions {
  /** Re-reads `session.current`. Never shows a spinner once something was loaded. */
  refresh(): Promise<void>;
  signIn(
    username: string,
    secret: string,
    secretKind: SecretKind | null,
  ): Promise<AppErrorBody | null>;
  unlock(secret: string): Promise<AppErrorBody | null>;
  /** Locks at once on screen, then tells the backend. */
  lock(): Promise<void>;
  signOut(): Promise<void>;
  /** The backend answered SESSION_LOCKED / UNAUTHENTICATED to some call. */
  backendSaysLocked(): void;
  backendSaysSignedOut(): void;
  setUser(user: SessionUser): void;
}

export type SessionStore = StoreApi<SessionState & SessionActions>;

const FALLBACK_IDLE_LOCK_SECONDS = 300;

export function createSessionStore(api: Api): SessionStore {
  return createStore<SessionState & SessionActions>()((set, get) => ({
    phase: 'loading',
    user: null,
    device: null,
    idleLockSeconds: FALLBACK_IDLE_LOCK_SECONDS,
    error: null,
    secretKind: null,

    async refresh() {
      const answer = await api.call('session.current', {});
      if (!answer.ok) {
        // Keep showing what we have; only a first load without data is "unavailable".
        if (get().device === null) set({ phase: 'unavailable', error: answer.error });
        return;
      }
      const { user, locked, device, idleLockSeconds } = answer.data;
      set({
        device,
        idleLockSeconds,
        user,
        error: null,
        phase: user === null ? 'signedOut' : locked ? 'locked' : 'signedIn',
        secretKind: user === null ? null : get().user?.id === user.id ? get().secretKind : null,
      });
    },

    async signIn(username, secret, secretKind) {
      const answer = await api.call('auth.signIn', { username, secret });
      if (!answer.ok) return answer.error;
      set({ user: answer.data, phase: 'signedIn', secretKind, error: null });
      // Settings such as the idle lock may differ per store; re-read them quietly.
      void get().refresh();
      return null;
    },

    async unlock(secret) {
      const answer = await api.call('auth.unlock', { secret });
      if (!answer.ok) return answer.error;
      set({ user: answer.data, phase: 'signedIn', error: null });
      void get().refresh();
      return null;
    },

    async lock() {
      if (get().user) set({ phase: 'locked' });
      await api.call('auth.lock', {});
    },

    async signOut() {
      await api.call('auth.signOut', {});
      set({ user: null, phase: 'signedOut', secretKind: null });
    },

    backendSaysLocked() {
      if (get().phase === 'signedIn') set({ phase: 'locked' });
    },

    backendSaysSignedOut() {
      const { phase } = get();
      if (phase === 'signedIn' || phase === 'locked')
        set({ user: null, phase: 'signedOut', secretKind: null });
    },

    setUser(user) {
      set({ user });
    },
  }));
}
