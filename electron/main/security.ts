import { app, shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './origin';

type Log = (line: Record<string, unknown>) => void;

/** Navigation stays on our own origin; everything else is refused. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * Links the UI may hand to the system browser: https only, exact host, optional path prefix.
 * Anything else (http, javascript:, file:, other hosts, credentials in the URL) is dropped.
 */
export const EXTERNAL_URL_ALLOW_LIST: ReadonlyArray<{ host: string; pathPrefix: string }> = [
  { host: 'sellercentral.amazon.com', pathPrefix: '/' },
  { host: 'sellercentral-europe.amazon.com', pathPrefix: '/' },
  { host: 'sellercentral-japan.amazon.com', pathPrefix: '/' },
  { host: 'www.amazon.com', pathPrefix: '/gp/help/' },
];

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return false;
  return EXTERNAL_URL_ALLOW_LIST.some(
    (entry) => parsed.hostname === entry.host && parsed.pathname.startsWith(entry.pathPrefix),
  );
}

/**
 * The one place that grants a permission (camera, notifications, …). Nothing is granted today.
 * Hook for the camera issue: allow `permission === 'media'` (video only, per `details`) when
 * `isAppUrl(requestingUrl)` — our own origin, never a foreign one.
 */
export function isPermissionAllowed(
  _permission: string,
  _requestingUrl: string,
  _details?: unknown,
): boolean {
  return false;
}

const guarded = new WeakSet<WebContents>();

/**
 * Navigation, redirects and new windows for one webContents. Idempotent: main.ts applies it
 * to our window explicitly and to every webContents through `web-contents-created`.
 */
export function guardWebContents(contents: WebContents, log: Log = () => {}): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);

  const refuse =
    (kind: string) =>
    (event: { preventDefault(): void; url?: string }, deprecatedUrl?: string): void => {
      const url = typeof event.url === 'string' ? event.url : (deprecatedUrl ?? '');
      if (isAllowedNavigation(url)) return;
      event.preventDefault();
      log({ level: 'warn', msg: `security.${kind}.blocked`, url });
    };
  contents.on('will-navigate', refuse('navigation'));
  contents.on('will-frame-navigate', refuse('navigation'));
  contents.on('will-redirect', refuse('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log({ level: 'warn', msg: 'security.webview.blocked' });
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) {
      shell.openExternal(url).catch((err: unknown) => {
        log({ level: 'error', msg: 'security.openExternal.failed', url, error: String(err) });
      });
    } else {
      log({ level: 'warn', msg: 'security.window-open.blocked', url });
    }
    return { action: 'deny' };
  });
}

/** Every webContents the app ever creates gets the guards, and no <webview> can attach. */
export function installAppGuards(log: Log = () => {}): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log));
}

/** Permission requests and checks go through `isPermissionAllowed` (denies all for now). */
export function installPermissionPolicy(session: Session, log: Log = () => {}): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const requestingUrl = details?.requestingUrl ?? contents?.getURL?.() ?? '';
    const allowed = isPermissionAllowed(permission, requestingUrl, details);
    if (!allowed)
      log({ level: 'warn', msg: 'security.permission.denied', permission, requestingUrl });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, details?.requestingUrl ?? requestingOrigin, details),
  );
  session.setDevicePermissionHandler(() => false);
}
