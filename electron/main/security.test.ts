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
  it('denies every permission request, even from our own origin', () => {
    const ses = session.defaultSession;
    installPermissionPolicy(ses as never);
    const contents = new FakeWebContents();
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      const callback = vi.fn();
      ses.permissionRequestHandler!(contents, permission, callback, {
        requestingUrl: 'app://returndesk/index.html',
      });
      expect(callback).toHaveBeenCalledWith(false);
    }
  });

  it('denies every permission check and device permission', () => {
    const ses = session.defaultSession;
    installPermissionPolicy(ses as never);
    expect(ses.permissionCheckHandler!(null, 'media', 'app://returndesk', {})).toBe(false);
    expect(
      ses.permissionCheckHandler!(null, 'clipboard-sanitized-write', 'https://evil.example', {}),
    ).toBe(false);
    expect(ses.devicePermissionHandler!({ deviceType: 'usb', origin: 'app://returndesk' })).toBe(
      false,
    );
  });
});
