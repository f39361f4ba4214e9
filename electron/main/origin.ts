/**
 * Where the UI lives: the privileged `app://` scheme, host `returndesk`, serving dist/renderer.
 * One place for the origin so the protocol handler, navigation rules and IPC checks agree.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'returndesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `url` is on our own origin. Compared by parts, not by `URL.origin`: for a
 * non-special scheme such as `app:` Node's WHATWG URL reports the origin as "null".
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
