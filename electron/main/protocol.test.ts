import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './csp';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, resolveAppPath } from './protocol';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'rd-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>ReturnDesk</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  // A file next to the served folder that must never be reachable.
  writeFileSync(path.join(base, 'secret.txt'), 'secret');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') =>
  createAppProtocolHandler(root)(new Request(url, { method }));

describe('APP_SCHEME_PRIVILEGES', () => {
  it('is standard, secure and fetchable, and does not bypass CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });
});

describe('resolveAppPath', () => {
  it('maps app://returndesk paths into the root', () => {
    expect(resolveAppPath(root, 'app://returndesk/assets/app.js')).toBe(
      path.join(root, 'assets', 'app.js'),
    );
    expect(resolveAppPath(root, 'app://returndesk/')).toBe(path.join(root, 'index.html'));
  });

  it.each([
    'app://returndesk/..%2fsecret.txt',
    'app://returndesk/%2e%2e/secret.txt',
    'app://returndesk/assets/..%2f..%2fsecret.txt',
    'app://returndesk/..%5csecret.txt',
    'app://returndesk/%2fetc%2fpasswd',
    'app://returndesk/index.html%00.js',
    'app://returndesk/%E0%A4%A',
    'app://evil/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    const resolved = resolveAppPath(root, url);
    // Either refused outright or still inside the root (never the secret next to it).
    if (resolved !== null) expect(resolved.startsWith(root + path.sep)).toBe(true);
    expect(resolved).not.toBe(path.join(base, 'secret.txt'));
  });

  it('refuses a path that escapes the root once decoded', () => {
    expect(resolveAppPath(root, 'app://returndesk/..%2fsecret.txt')).toBeNull();
    expect(resolveAppPath(root, 'app://evil/index.html')).toBeNull();
  });
});

describe('createAppProtocolHandler', () => {
  it('serves files with their type and the CSP header', async () => {
    const res = await get('app://returndesk/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('serves index.html with the CSP', async () => {
    const res = await get('app://returndesk/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('does not serve files outside the root', async () => {
    for (const url of [
      'app://returndesk/..%2fsecret.txt',
      'app://returndesk/assets/..%2f..%2fsecret.txt',
    ]) {
      const res = await get(url);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('secret');
    }
  });

  it('answers 404 for a missing asset but falls back to index.html for an app route', async () => {
    expect((await get('app://returndesk/assets/missing.js')).status).toBe(404);
    const route = await get('app://returndesk/returns/123');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>ReturnDesk</title>');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://returndesk/index.html', 'POST')).status).toBe(405);
  });
});
