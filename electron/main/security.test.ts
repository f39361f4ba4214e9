import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  guardWebContents,
  installAppGuards,
  installPermissionPolicy,
  isAllowedExternalUrl,
  isAllowedNavigation,
} from './security';
import { app, FakeWebContents, resetFakes, session, shell } from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

beforeEach(() => resetFakes());

const navEvent = (url: string) => ({ url, preventDefault: vi.fn() });

function guarded(): FakeWebContents {
  const contents = new FakeWebContents();
  guardWebContents(contents as never);
  return contents;
}

describe('isAllowedNavigation', () => {
  it.each(['app://returndesk/index.html', 'app://returndesk/returns/42?x=1#top'])(
    'allows %s',
    (url) => {
      expect(isAllowedNavigation(url)).toBe(true);
    },
  );
  it.each([
    'https://evil.example/',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://returndesk.evil.example/',
    'app://user:pw@returndesk/index.html',
    'http://returndesk/',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'about:blank',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://sellercentral.amazon.com/orders-v3/order/123',
    'https://sellercentral-europe.amazon.com/home',
    'https://sellercentral-japan.amazon.com/',
    'https://www.amazon.com/gp/help/customer/display.html?nodeId=1',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });
  it.each([
    'http://sellercentral.amazon.com/',
    'javascript:alert(1)',
    'https://evil.example/',
    'https://sellercentral.amazon.com.evil.example/',
    'https://evil.sellercentral.amazon.com/',
    'https://www.amazon.com/',
    'https://www.amazon.com/gp/cart/',
    'https://user@sellercentral.amazon.com/',
    'https://sellercentral.amazon.com:8443/',
    'file:///C:/Windows/system32/calc.exe',
    'app://returndesk/index.html',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('guardWebContents: navigation', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    '%s to a foreign URL is prevented, to our origin it is not',
    (eventName) => {
      const contents = guarded();
      const evil = navEvent('https://evil.example/');
      const file = navEvent('file:///etc/passwd');
      const ours = navEvent('app://returndesk/index.html');
      contents.emit(eventName, evil);
      contents.emit(eventName, file);
      contents.emit(eventName, ours);
      expect(evil.preventDefault).toHaveBeenCalled();
      expect(file.preventDefault).toHaveBeenCalled();
      expect(ours.preventDefault).not.toHaveBeenCalled();
    },
  );

  it('falls back to the (deprecated) url argument', () => {
    const contents = guarded();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-navigate', event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('is applied once per webContents', () => {
    const contents = guarded();
    guardWebContents(contents as never);
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });

  it('refuses <webview> attachment', () => {
    const contents = guarded();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('guardWebContents: new windows', () => {
  it('denies every window.open, and opens only allow-listed https URLs externally', () => {
    const contents = guarded();
    const open = (url: string) => contents.windowOpenHandler!({ url });
    const urls = [
      'https://sellercentral.amazon.com/orders',
      'http://sellercentral.amazon.com/orders',
      'javascript:alert(1)',
      'https://evil.example/',
      'app://returndesk/index.html',
    ];
    for (const url of urls) expect(open(url)).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://sellercentral.amazon.com/orders');
  });
});

describe('installAppGuards', () => {
  it('guards every webContents created later, including <webview> refusal', () => {
    installAppGuards();
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
    const nav = navEvent('https://evil.example/');
    contents.emit('will-navigate', nav);
    expect(nav.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
  });
});

describe('installPermissionPolicy', () => {
  const OURS = 'app://returndesk/index.html';
  const camera = (overrides: Record<string, unknown> = {}) => ({
    requestingUrl: OURS,
    isMainFrame: true,
    securityOrigin: 'app://returndesk/',
    mediaTypes: ['video'],
    ...overrides,
  });

  function policy(isOurs?: (contents: unknown) => boolean) {
    const ses = session.defaultSession;
    const log = vi.fn();
    installPermissionPolicy(ses as never, log, isOurs);
    const request = (
      permission: string,
      details: Record<string, unknown>,
      contents: FakeWebContents | null = new FakeWebContents(),
    ): boolean => {
      const callback = vi.fn();
      ses.permissionRequestHandler!(contents, permission, callback, details);
      expect(callback).toHaveBeenCalledTimes(1);
      return callback.mock.calls[0]![0] as boolean;
    };
    const check = (
      permission: string,
      requestingOrigin: string,
      details: Record<string, unknown>,
      contents: FakeWebContents | null = new FakeWebContents(),
    ): boolean =>
      ses.permissionCheckHandler!(contents, permission, requestingOrigin, details) as boolean;
    return { ses, log, request, check };
  }

  it('grants the camera (video only) to our own UI in our window’s main frame', () => {
    const { request, log } = policy();
    expect(request('media', camera())).toBe(true);
    expect(request('media', camera({ securityOrigin: undefined }))).toBe(true);
    expect(log).toHaveBeenCalledWith(
      expect.objectContaining({ msg: 'security.permission.granted', permission: 'media' }),
    );
  });

  it.each([
    ['the microphone', camera({ mediaTypes: ['audio'] })],
    ['camera and microphone together', camera({ mediaTypes: ['video', 'audio'] })],
    ['no media type', camera({ mediaTypes: [] })],
    ['media types missing', camera({ mediaTypes: undefined })],
    [
      'another origin',
      camera({ requestingUrl: 'https://evil.example/', securityOrigin: undefined }),
    ],
    ['a foreign security origin', camera({ securityOrigin: 'https://evil.example/' })],
    ['a look-alike host', camera({ requestingUrl: 'app://returndesk.evil.example/index.html' })],
    ['http instead of app:', camera({ requestingUrl: 'http://returndesk/index.html' })],
    ['a file: page', camera({ requestingUrl: 'file:///tmp/index.html' })],
    ['a subframe', camera({ isMainFrame: false })],
    ['a cross-origin subframe', camera({ embeddingOrigin: 'https://evil.example' })],
    ['no requesting URL', camera({ requestingUrl: undefined })],
  ])('denies the camera for %s', (_name, details) => {
    const { request, log } = policy();
    expect(request('media', details)).toBe(false);
    expect(log).toHaveBeenCalledWith(
      expect.objectContaining({ level: 'warn', msg: 'security.permission.denied' }),
    );
  });

  it('denies the camera to a webContents that is not showing our UI, or not ours', () => {
    const { request } = policy();
    expect(request('media', camera(), new FakeWebContents('https://evil.example/'))).toBe(false);
    expect(request('media', camera(), null)).toBe(false);
    const closed = new FakeWebContents();
    closed.destroy();
    expect(request('media', camera(), closed)).toBe(false);

    const mine = new FakeWebContents();
    const strict = policy((contents) => contents === mine);
    expect(strict.request('media', camera(), mine)).toBe(true);
    expect(strict.request('media', camera(), new FakeWebContents())).toBe(false);
  });

  it.each([
    'geolocation',
    'notifications',
    'display-capture',
    'clipboard-read',
    'clipboard-sanitized-write',
    'fullscreen',
    'openExternal',
    'pointerLock',
    'midiSysex',
    'unknown',
  ])('denies %s, even to our own UI', (permission) => {
    const { request, check } = policy();
    expect(request(permission, camera())).toBe(false);
    expect(check(permission, 'app://returndesk', { ...camera(), mediaType: 'video' })).toBe(false);
  });

  it('answers permission checks the same way: video for our UI only', () => {
    const { check } = policy();
    const ours = { requestingUrl: OURS, isMainFrame: true, securityOrigin: 'app://returndesk/' };
    expect(check('media', 'app://returndesk', { ...ours, mediaType: 'video' })).toBe(true);
    expect(check('media', 'app://returndesk/', { ...ours, mediaType: 'video' })).toBe(true);
    expect(check('media', OURS, { isMainFrame: true, mediaType: 'video' })).toBe(true);

    expect(check('media', 'app://returndesk', { ...ours, mediaType: 'audio' })).toBe(false);
    expect(check('media', 'app://returndesk', { ...ours, mediaType: 'unknown' })).toBe(false);
    expect(check('media', 'app://returndesk', ours)).toBe(false);
    expect(check('media', 'https://evil.example', { ...ours, mediaType: 'video' })).toBe(false);
    expect(
      check('media', 'app://returndesk', {
        ...ours,
        securityOrigin: 'https://evil.example/',
        mediaType: 'video',
      }),
    ).toBe(false);
    expect(
      check('media', 'app://returndesk', {
        ...ours,
        embeddingOrigin: 'app://returndesk',
        mediaType: 'video',
      }),
    ).toBe(false);
    expect(
      check('media', 'app://returndesk', { ...ours, isMainFrame: false, mediaType: 'video' }),
    ).toBe(false);
    expect(check('media', 'app://returndesk', { ...ours, mediaType: 'video' }, null)).toBe(false);
    expect(
      check(
        'media',
        'app://returndesk',
        { ...ours, mediaType: 'video' },
        new FakeWebContents('https://evil.example/'),
      ),
    ).toBe(false);
  });

  it('denies every device permission (HID, USB, serial)', () => {
    const { ses } = policy();
    expect(ses.devicePermissionHandler!({ deviceType: 'usb', origin: 'app://returndesk' })).toBe(
      false,
    );
    expect(ses.devicePermissionHandler!({ deviceType: 'hid', origin: 'app://returndesk' })).toBe(
      false,
    );
  });
});
