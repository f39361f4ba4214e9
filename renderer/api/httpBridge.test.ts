// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import {
  createHttpBridge,
  CLIENT_STORAGE_KEY,
  TOKEN_STORAGE_KEY,
  type EventSourceLike,
  type HttpBridgeEnv,
} from './httpBridge';

class MemoryStorage {
  map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

class FakeEventSource implements EventSourceLike {
  listeners = new Map<string, Set<(e: MessageEvent) => void>>();
  closed = false;
  constructor(readonly url: string) {}
  addEventListener(type: string, l: (e: MessageEvent) => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(l);
  }
  removeEventListener(type: string, l: (e: MessageEvent) => void) {
    this.listeners.get(type)?.delete(l);
  }
  close() {
    this.closed = true;
  }
  dispatch(type: string, data: string) {
    for (const l of this.listeners.get(type) ?? []) l(new MessageEvent(type, { data }));
  }
}

function makeEnv(hash: string, fetchImpl: typeof fetch, storage = new MemoryStorage()) {
  const sources: FakeEventSource[] = [];
  const replaceState = vi.fn();
  const env: HttpBridgeEnv = {
    location: { hash, pathname: '/', search: '?x=1' },
    history: { replaceState, state: { keep: true } },
    storage,
    fetch: fetchImpl,
    createEventSource: (url) => {
      const s = new FakeEventSource(url);
      sources.push(s);
      return s;
    },
    randomUUID: () => '11111111-2222-4333-8444-555555555555',
  };
  return { env, storage, sources, replaceState };
}

const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('HTTP bridge', () => {
  it('takes the token from the hash once, stores it and removes it from the address bar', async () => {
    const fetchMock = vi.fn<typeof fetch>(async () =>
      jsonResponse(200, { ok: true, data: { hello: 1 } }),
    );
    const { env, storage, replaceState } = makeEnv('#token=s3cret-token', fetchMock);
    const bridge = createHttpBridge(env);

    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe('s3cret-token');
    expect(replaceState).toHaveBeenCalledWith({ keep: true }, '', '/?x=1');
    expect(bridge.hasToken).toBe(true);

    const answer = await bridge.call('session.current', {});
    expect(answer).toEqual({ ok: true, data: { hello: 1 } });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/call/session.current');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{}');
    const headers = init?.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer s3cret-token');
    expect(headers['x-returndesk-client']).toBe('11111111-2222-4333-8444-555555555555');
    expect(headers['content-type']).toBe('application/json');
  });

  it('after a reload (no hash) uses the stored token and the same client id', async () => {
    const storage = new MemoryStorage();
    storage.setItem(TOKEN_STORAGE_KEY, 'kept-token');
    storage.setItem(CLIENT_STORAGE_KEY, 'tab-client-1');
    const fetchMock = vi.fn<typeof fetch>(async () => jsonResponse(200, { ok: true, data: null }));
    const { env, replaceState } = makeEnv('', fetchMock, storage);
    const bridge = createHttpBridge(env);
    await bridge.call('auth.signIn', { username: 'alice', secret: '1234' });

    expect(replaceState).not.toHaveBeenCalled();
    expect(bridge.clientId).toBe('tab-client-1');
    const init = fetchMock.mock.calls[0]![1]!;
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer kept-token');
    expect(init.body).toBe(JSON.stringify({ username: 'alice', secret: '1234' }));
  });

  it('makes a client id once per tab and keeps it', () => {
    const { env, storage } = makeEnv('', vi.fn<typeof fetch>());
    const bridge = createHttpBridge(env);
    expect(bridge.clientId).toBe('11111111-2222-4333-8444-555555555555');
    expect(storage.getItem(CLIENT_STORAGE_KEY)).toBe(bridge.clientId);
  });

  it('answers an envelope, never a throw, when the backend is unreachable', async () => {
    const { env } = makeEnv(
      '#token=t',
      vi.fn<typeof fetch>(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const answer = await createHttpBridge(env).call('session.current', {});
    expect(answer).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'backend unreachable' },
    });
  });

  it('passes the BAD_TOKEN envelope of a 401 through', async () => {
    const body = { ok: false, error: { code: 'BAD_TOKEN', message: 'bad token' } };
    const { env } = makeEnv(
      '',
      vi.fn<typeof fetch>(async () => jsonResponse(401, body)),
    );
    expect(await createHttpBridge(env).call('session.current', {})).toEqual(body);
  });

  it('turns a non-envelope answer into an INTERNAL envelope', async () => {
    const { env } = makeEnv(
      '#token=t',
      vi.fn<typeof fetch>(async () => new Response('<html>proxy</html>', { status: 404 })),
    );
    const answer = await createHttpBridge(env).call('session.current', {});
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('INTERNAL');
  });

  it('delivers server-sent events by name and closes the stream when nobody listens', () => {
    const { env, sources } = makeEnv('#token=a b&c', vi.fn<typeof fetch>());
    const bridge = createHttpBridge(env);
    const got: unknown[] = [];
    const off = bridge.on('sync.status', (p) => got.push(p));
    const offSession = bridge.on('session.changed', () => got.push('session'));

    expect(sources).toHaveLength(1);
    const url = new URL(sources[0]!.url, 'http://127.0.0.1');
    expect(url.pathname).toBe('/api/events');
    expect(url.searchParams.get('token')).toBe('a b');
    expect(url.searchParams.get('client')).toBe('11111111-2222-4333-8444-555555555555');

    sources[0]!.dispatch(
      'sync.status',
      JSON.stringify({ backOffice: 'online', pendingMutations: 0 }),
    );
    sources[0]!.dispatch('sync.status', 'not json');
    expect(got).toEqual([{ backOffice: 'online', pendingMutations: 0 }]);

    off();
    sources[0]!.dispatch('sync.status', '{}');
    expect(got).toHaveLength(1);
    expect(sources[0]!.closed).toBe(false);
    offSession();
    expect(sources[0]!.closed).toBe(true);
  });
});
