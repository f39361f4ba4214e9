import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, installCspHeader, withCsp } from './csp';
import { resetFakes, session } from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

beforeEach(() => resetFakes());

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('CONTENT_SECURITY_POLICY', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('allows only our own origin by default and for scripts', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('has no unsafe-eval or unsafe-inline anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('*');
  });

  it('blocks plugins, base tags, framing and form posts', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('allows images from data: and blob: URLs (previews, QR codes)', () => {
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });
});

describe('withCsp', () => {
  it('replaces a CSP header of any letter case with ours and keeps the rest', () => {
    const out = withCsp({
      'content-security-policy': ["default-src *; script-src 'unsafe-eval'"],
      'Content-Type': ['text/html'],
    });
    expect(out['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(out).not.toHaveProperty('content-security-policy');
    expect(out['Content-Type']).toEqual(['text/html']);
  });
});

describe('installCspHeader', () => {
  it('adds the CSP to every response of the session', () => {
    const ses = session.defaultSession;
    installCspHeader(ses as never);
    const callback = vi.fn();
    ses.headersListener!({ responseHeaders: { 'X-Other': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
});
