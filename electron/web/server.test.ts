import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../db/testing/temp-dir';
import type { Backend, BackendEventListener } from '../backend/types';
import { startWebServer, type WebServer } from './server';

/** Browser mode's HTTP surface, on a real socket, in front of a recording backend. */
describe('the browser-mode server', () => {
  let server: WebServer;
  let cleanup: () => void;
  const listeners = new Set<BackendEventListener>();
  const dispatch = vi.fn(async (_channel: string, name: string, input: unknown) => ({
    ok: true as const,
    data: { name, input },
  }));
  const backend: Backend = {
    dispatch,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dropChannel: () => {},
    close: () => {},
  };

  beforeAll(async () => {
    const temp = tempDir();
    cleanup = temp.cleanup;
    const rendererDir = join(temp.dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>');
    server = await startWebServer({ backend, rendererDir, port: 0 });
  });
  afterAll(async () => {
    await server.close();
    cleanup();
  });

  const call = (name: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${server.url}api/call/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const good = () => ({
    authorization: `Bearer ${server.token}`,
    'x-returndesk-client': 'tab-0001-abcd',
  });

  it('listens on 127.0.0.1 only and prints an address that carries the token in the fragment', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.openUrl).toBe(`${server.url}#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('passes a call with the token to the backend, on the tab’s own channel', async () => {
    const response = await call('session.current', { a: 1 }, good());
    expect(await response.json()).toEqual({
      ok: true,
      data: { name: 'session.current', input: { a: 1 } },
    });
    expect(dispatch).toHaveBeenLastCalledWith('web:tab-0001-abcd', 'session.current', { a: 1 });
  });

  it('refuses a call with no token or a wrong one, before the backend sees it', async () => {
    dispatch.mockClear();
    for (const authorization of [
      undefined,
      'Bearer wrong',
      `Bearer ${server.token}x`,
      server.token,
    ]) {
      const headers: Record<string, string> = { 'x-returndesk-client': 'tab-0001-abcd' };
      if (authorization) headers.authorization = authorization;
      const response = await call('session.current', {}, headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'BAD_TOKEN' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses calls from another origin and without a client id', async () => {
    dispatch.mockClear();
    expect(
      (await call('session.current', {}, { ...good(), origin: 'http://evil.example' })).status,
    ).toBe(403);
    expect(
      (await call('session.current', {}, { authorization: `Bearer ${server.token}` })).status,
    ).toBe(400);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('answers only to its own Host name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${server.url}api/call/session.current`,
        { method: 'POST', headers: { ...good(), host: 'evil.example' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(421);
  });

  it('serves the renderer with a strict CSP', async () => {
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('streams the backend’s events to the tab they are for, and broadcasts to all', async () => {
    const response = await fetch(
      `${server.url}api/events?token=${server.token}&client=tab-0001-abcd`,
    );
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('connected')) text += decoder.decode((await reader.read()).value);
    for (const listener of listeners) {
      listener('web:other-tab-9999', 'session.changed', { reason: 'locked' });
      listener('web:tab-0001-abcd', 'session.changed', { reason: 'signedIn' });
      listener(null, 'sync.status', {
        backOffice: 'not_configured',
        backOfficeUrl: null,
        pendingMutations: 2,
        rejectedMutations: 0,
        lastSyncedAt: null,
        lastError: null,
      });
    }
    while (!text.includes('pendingMutations')) text += decoder.decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toContain('event: session.changed\ndata: {"reason":"signedIn"}');
    expect(text).not.toContain('locked');
    expect(text).toContain('event: sync.status');
    const refused = await fetch(`${server.url}api/events?token=nope&client=tab-0001-abcd`);
    expect(refused.status).toBe(401);
  });
});
