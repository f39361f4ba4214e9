import type { Session } from 'electron';

/**
 * The renderer's Content-Security-Policy. Everything comes from our own `app://returndesk`
 * origin: no inline or eval'd script, no inline <style> (React's `style={…}` props go through
 * the CSSOM, which style-src does not restrict), no plugins, no framing, no form posts.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');

export const CSP_HEADER = 'Content-Security-Policy';

/**
 * Response headers with our CSP, replacing any CSP header already there (in any letter
 * case) so that nothing can loosen it. For `session.webRequest.onHeadersReceived`.
 */
export function withCsp(
  headers: Record<string, string | string[]> | undefined,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === CSP_HEADER.toLowerCase()) continue;
    out[key] = Array.isArray(value) ? value : [value];
  }
  out[CSP_HEADER] = [CONTENT_SECURITY_POLICY];
  return out;
}

/** Adds the CSP to every response the session receives (belt to the protocol's braces). */
export function installCspHeader(session: Pick<Session, 'webRequest'>): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
}
