// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  createFakeBridge,
  DEVICE,
  homeHandlers,
  userWithRole,
  type FakeBridge,
} from '../../test/fakeBridge';
import { renderApp } from '../../test/renderApp';

afterEach(cleanup);

function signedOutBridge(): FakeBridge {
  return createFakeBridge({
    ...homeHandlers(),
    'session.current': () => ({ user: null, locked: false, device: DEVICE, idleLockSeconds: 300 }),
    'auth.tillUsers': () => [
      { username: 'alice', displayName: 'Alice Chen', role: 'clerk', secretKind: 'pin' },
      { username: 'mgr', displayName: 'Morgan Lee', role: 'store_manager', secretKind: 'password' },
    ],
  });
}

describe('sign-in screen', () => {
  it('shows the store, the till users and a PIN field for a PIN user', async () => {
    renderApp(signedOutBridge());
    expect(await screen.findByRole('heading', { name: DEVICE.storeName })).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: /Alice Chen/ }));
    expect((screen.getByLabelText('Username') as HTMLInputElement).value).toBe('alice');
    const pin = screen.getByLabelText('PIN') as HTMLInputElement;
    expect(pin.type).toBe('password');
    fireEvent.click(screen.getByRole('button', { name: '4' }));
    fireEvent.click(screen.getByRole('button', { name: '2' }));
    expect(pin.value).toBe('42');

    fireEvent.click(screen.getByRole('button', { name: /Morgan Lee/ }));
    expect(screen.getByLabelText('Password')).toBeTruthy();
    expect(screen.queryByLabelText('PIN')).toBeNull();
  });

  it('renders BAD_CREDENTIALS translated, with the attempts left', async () => {
    const bridge = signedOutBridge();
    bridge.handlers['auth.signIn'] = () => ({
      error: { code: 'BAD_CREDENTIALS', message: 'bad credentials', details: { attemptsLeft: 2 } },
    });
    renderApp(bridge);
    fireEvent.change(await screen.findByLabelText('Username'), { target: { value: 'alice' } });
    fireEvent.change(await screen.findByLabelText('PIN'), { target: { value: '9999' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    const error = await screen.findByTestId('signin-error');
    expect(error.textContent).toContain('Username or PIN/password is not correct.');
    expect(error.textContent).toContain('2 attempts left');
    expect(bridge.callsTo('auth.signIn')).toEqual([{ username: 'alice', secret: '9999' }]);
    // The secret is cleared after a failure; the user stays on the sign-in screen.
    expect((screen.getByLabelText('PIN') as HTMLInputElement).value).toBe('');
    expect(screen.queryByTestId('home-clerk')).toBeNull();
  });

  it('renders ACCOUNT_LOCKED with the time it ends, in Chinese when chosen', async () => {
    const bridge = signedOutBridge();
    bridge.handlers['auth.signIn'] = () => ({
      error: {
        code: 'ACCOUNT_LOCKED',
        message: 'locked',
        details: { lockedUntil: '2026-11-21T15:30:00.000Z' },
      },
    });
    renderApp(bridge, 'zh-CN');
    fireEvent.change(await screen.findByLabelText('用户名'), { target: { value: 'alice' } });
    fireEvent.change(await screen.findByLabelText('PIN 码'), { target: { value: '1234' } });
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    const error = await screen.findByTestId('signin-error');
    expect(error.textContent).toContain('账户已被锁定');
    expect(error.textContent).toContain('锁定至');
    expect(error.textContent).toContain('10:30'); // 15:30 UTC in the store's time zone (New York, EST)
  });

  it('signs in and shows the home of the user’s role', async () => {
    const bridge = signedOutBridge();
    let signedIn = false;
    bridge.handlers['auth.signIn'] = () => {
      signedIn = true;
      return userWithRole('clerk');
    };
    bridge.handlers['session.current'] = () => ({
      user: signedIn ? userWithRole('clerk') : null,
      locked: false,
      device: DEVICE,
      idleLockSeconds: 300,
    });
    renderApp(bridge);
    fireEvent.click(await screen.findByRole('button', { name: /Alice Chen/ }));
    fireEvent.change(screen.getByLabelText('PIN'), { target: { value: '1234' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const home = await screen.findByTestId('home-clerk');
    expect(within(home).getByText('Hello, Alice Chen')).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByTestId('sync-status').textContent).toContain(
        'Local only — back office not configured',
      ),
    );
    expect(screen.getByTestId('sync-status').textContent).toContain('3 pending changes');
  });
});
