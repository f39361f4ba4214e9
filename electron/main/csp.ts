import type { Session } from 'electron';

// The policy itself is shared with browser mode and the renderer's meta tag.
import {
  CONTENT_SECURITY_POLICY,
  CSP_DIRECTIVES,
} from '../../shared/security/content-security-policy';

export { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES };

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
