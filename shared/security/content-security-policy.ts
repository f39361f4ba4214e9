/**
 * The renderer's Content-Security-Policy, one definition for every place that serves it: the
 * Electron protocol handler, browser mode's HTTP server, and (as a meta tag, checked by a test)
 * renderer/index.html. Everything comes from our own origin: no inline or eval'd script, no
 * inline <style>, no plugins, no framing of us, no form posts. `blob:` frames show label PDFs
 * the renderer made itself; `blob:` and `data:` images show photos taken at the counter.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'frame-src': ['blob:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
};

/** Directives a <meta> CSP may not carry (browsers ignore them there). */
const HEADER_ONLY = new Set(['frame-ancestors']);

const serialize = (entries: [string, readonly string[]][]) =>
  entries.map(([directive, sources]) => `${directive} ${sources.join(' ')}`).join('; ');

export const CONTENT_SECURITY_POLICY = serialize(Object.entries(CSP_DIRECTIVES));

/** What renderer/index.html's meta tag must say. */
export const META_CONTENT_SECURITY_POLICY = serialize(
  Object.entries(CSP_DIRECTIVES).filter(([directive]) => !HEADER_ONLY.has(directive)),
);
