import { app, shell, type Session, type WebContents } from 'electron';
import { APP_ORIGIN, isAppUrl } from './origin';

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

/** What Electron tells about one permission request or check, in one shape. */
export interface PermissionAsk {
  permission: string;
  /** The last URL the requesting frame loaded (`details.requestingUrl`). */
  requestingUrl: string | undefined;
  /** Every origin Electron names for the asking frame (requestingOrigin, securityOrigin). */
  origins: ReadonlyArray<string | undefined>;
  /** Set only for a cross-origin subframe: then it is never us. */
  embeddingOrigin: string | undefined;
  isMainFrame: boolean | undefined;
  /** A request's `mediaTypes`, a check's `mediaType`. */
  mediaTypes: ReadonlyArray<string>;
  /** The asking webContents is our own window. */
  fromOurWindow: boolean;
}

/**
 * The one place that grants a permission. Exactly one is granted: `media` for the camera
 * (video only, never the microphone), asked by our own UI (our window's main frame, on
 * `app://returndesk`), so that "Take photo" works. Everything else (audio, screen capture,
 * geolocation, notifications, clipboard, other origins, subframes…) is denied.
 */
export function isPermissionAllowed(ask: PermissionAsk): boolean {
  if (ask.permission !== 'media') return false;
  if (!ask.fromOurWindow || ask.isMainFrame !== true) return false;
  if (ask.embeddingOrigin !== undefined && ask.embeddingOrigin !== '') return false;
  if (ask.requestingUrl === undefined || !isAppUrl(ask.requestingUrl)) return false;
  if (!ask.origins.every((origin) => origin === undefined || isAppUrl(origin))) return false;
  return ask.mediaTypes.length > 0 && ask.mediaTypes.every((type) => type === 'video');
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

/**
 * Is this webContents our window, showing our UI in its main frame? The default needs the
 * main frame on `app://returndesk` (navigation elsewhere is refused, new windows and
 * <webview> too); main.ts may pass a stricter test (the window it created).
 */
function showsOurUi(contents: WebContents | null | undefined): boolean {
  try {
    if (!contents || contents.isDestroyed()) return false;
    const main = contents.mainFrame;
    return isAppUrl(main.url) && (!main.origin || main.origin === APP_ORIGIN);
  } catch {
    // A webContents or frame disposed mid-check throws on property access.
    return false;
  }
}

interface MediaDetails {
  requestingUrl?: string;
  isMainFrame?: boolean;
  securityOrigin?: string;
  embeddingOrigin?: string;
  mediaTypes?: ReadonlyArray<string>;
  mediaType?: string;
}

/**
 * Permission requests and checks go through `isPermissionAllowed`: the camera for our own UI,
 * nothing else. Device permissions (HID, USB, serial) stay denied.
 */
export function installPermissionPolicy(
  session: Session,
  log: Log = () => {},
  isOurs: (contents: WebContents) => boolean = () => true,
): void {
  const ours = (contents: WebContents | null | undefined): boolean =>
    !!contents && showsOurUi(contents) && isOurs(contents);

  session.setPermissionRequestHandler((contents, permission, callback, rawDetails) => {
    const details = (rawDetails ?? {}) as MediaDetails;
    const requestingUrl = details.requestingUrl ?? '';
    const allowed = isPermissionAllowed({
      permission,
      requestingUrl,
      origins: [details.securityOrigin],
      embeddingOrigin: details.embeddingOrigin,
      isMainFrame: details.isMainFrame,
      mediaTypes: details.mediaTypes ?? [],
      fromOurWindow: ours(contents),
    });
    log({
      level: allowed ? 'info' : 'warn',
      msg: allowed ? 'security.permission.granted' : 'security.permission.denied',
      permission,
      mediaTypes: details.mediaTypes,
      requestingUrl,
    });
    callback(allowed);
  });
  session.setPermissionCheckHandler((contents, permission, requestingOrigin, rawDetails) => {
    const details = (rawDetails ?? {}) as MediaDetails;
    return isPermissionAllowed({
      permission,
      // Not given for checks made on behalf of no document; the origin is checked either way.
      requestingUrl: details.requestingUrl ?? requestingOrigin,
      origins: [requestingOrigin, details.securityOrigin],
      embeddingOrigin: details.embeddingOrigin,
      isMainFrame: details.isMainFrame,
      mediaTypes: details.mediaType ? [details.mediaType] : [],
      fromOurWindow: ours(contents),
    });
  });
  session.setDevicePermissionHandler(() => false);
}
