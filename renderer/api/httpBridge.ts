import type { Envelope } from '../../shared/contracts/errors';
import type { EventName } from '../../shared/contracts/events';
import {
  HTTP_CALL_PATH,
  HTTP_CLIENT_HEADER,
  HTTP_EVENTS_PATH,
  HTTP_TOKEN_HEADER,
  type Bridge,
} from '../../shared/contracts/bridge';
import { internalError, isEnvelope, unreachable } from './envelope';

export const TOKEN_STORAGE_KEY = 'returndesk.token';
export const CLIENT_STORAGE_KEY = 'returndesk.client';

/** The slice of EventSource the bridge uses (a fake one in tests). */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  removeEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** Everything the HTTP bridge takes from the browser, injectable for tests. */
export interface HttpBridgeEnv {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  fetch: typeof fetch;
  createEventSource: (url: string) => EventSourceLike;
  randomUUID: () => string;
}

export interface HttpBridge extends Bridge {
  readonly clientId: string;
  readonly hasToken: boolean;
}

export function browserEnv(): HttpBridgeEnv {
  return {
    location: window.location,
    history: window.history,
    storage: window.sessionStorage,
    fetch: (input, init) => window.fetch(input, init),
    createEventSource: (url) => new EventSource(url),
    randomUUID: () => crypto.randomUUID(),
  };
}

/**
 * Reads the per-run token from `#token=…` once, keeps it in sessionStorage (so a reload of
 * the tab keeps working) and removes it from the address bar and history.
 */
function takeToken(env: HttpBridgeEnv): string | null {
  const hash = env.location.hash.replace(/^#/, '');
  const fromHash = hash ? new URLSearchParams(hash).get('token') : null;
  if (fromHash) {
    env.storage.setItem(TOKEN_STORAGE_KEY, fromHash);
    env.history.replaceState(env.history.state, '', env.location.pathname + env.location.search);
    return fromHash;
  }
  return env.storage.getItem(TOKEN_STORAGE_KEY);
}

function takeClientId(env: HttpBridgeEnv): string {
  const existing = env.storage.getItem(CLIENT_STORAGE_KEY);
  if (existing) return existing;
  const id = env.randomUUID();
  env.storage.setItem(CLIENT_STORAGE_KEY, id);
  return id;
}

/** Browser mode: calls over `POST /api/call/<name>`, events over server-sent events. */
export function createHttpBridge(env: HttpBridgeEnv = browserEnv()): HttpBridge {
  const token = takeToken(env);
  const clientId = takeClientId(env);

  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSourceLike | null = null;
  const handlers = new Map<EventName, (event: MessageEvent) => void>();

  function ensureSource(): EventSourceLike {
    if (source) return source;
    const query = new URLSearchParams({ token: token ?? '', client: clientId });
    source = env.createEventSource(`${HTTP_EVENTS_PATH}?${query.toString()}`);
    return source;
  }

  function subscribe(event: EventName): void {
    if (handlers.has(event)) return;
    const handler = (message: MessageEvent) => {
      let payload: unknown;
      try {
        payload = JSON.parse(String(message.data));
      } catch {
        return; // a garbled event is dropped, not thrown into the UI
      }
      for (const cb of [...(listeners.get(event) ?? [])]) cb(payload);
    };
    handlers.set(event, handler);
    ensureSource().addEventListener(event, handler);
  }

  function unsubscribeIfUnused(event: EventName): void {
    if ((listeners.get(event)?.size ?? 0) > 0) return;
    const handler = handlers.get(event);
    if (handler && source) source.removeEventListener(event, handler);
    handlers.delete(event);
    if (handlers.size === 0 && source) {
      source.close();
      source = null;
    }
  }

  return {
    clientId,
    hasToken: token !== null,

    async call(name: string, input: unknown): Promise<Envelope<unknown>> {
      let response: Response;
      try {
        response = await env.fetch(HTTP_CALL_PATH + encodeURIComponent(name), {
          method: 'POST',
          headers: {
            [HTTP_TOKEN_HEADER]: `Bearer ${token ?? ''}`,
            [HTTP_CLIENT_HEADER]: clientId,
            'content-type': 'application/json',
          },
          body: JSON.stringify(input ?? {}),
          cache: 'no-store',
          credentials: 'omit',
        });
      } catch {
        return unreachable();
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        // The connection dropped mid-answer or something other than our server answered.
        return response.ok || response.status >= 500
          ? unreachable()
          : internalError(`HTTP ${response.status} without an answer`);
      }
      return isEnvelope(body) ? body : internalError(`HTTP ${response.status} without an answer`);
    },

    on(event: EventName, cb: (payload: unknown) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(cb);
      subscribe(event);
      return () => {
        set.delete(cb);
        unsubscribeIfUnused(event);
      };
    },
  };
}
