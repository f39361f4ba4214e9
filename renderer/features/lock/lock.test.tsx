// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, renderHook, screen, waitFor } from '@testing-library/react';
import { createFakeBridge, DEVICE, homeHandlers, userWithRole } from '../../test/fakeBridge';
import { renderApp } from '../../test/renderApp';
import { useIdleLock } from './useIdleLock';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useIdleLock', () => {
  it('fires after the idle time, and activity postpones it', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    renderHook(() => useIdleLock(10, onIdle));
    vi.advanceTimersByTime(9_000);
    fireEvent.keyDown(window, { key: 'a' });
    vi.advanceTimersByTime(9_000);
    fireEvent.pointerMove(window);
    vi.advanceTimersByTime(9_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_100);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});

function signedInBridge(idleLockSeconds = 300) {
  let locked = false;
  let signedIn = true;
  const bridge = createFakeBridge({
    ...homeHandlers(),
    'session.current': () => ({
      user: signedIn ? userWithRole('clerk') : null,
      locked,
      device: DEVICE,
      idleLockSeconds,
    }),
    'auth.tillUsers': () => [
      { username: 'alice', displayName: 'Alice Chen', role: 'clerk', secretKind: 'pin' },
    ],
    'auth.lock': () => {
      locked = true;
      return { locked: true };
    },
    'auth.unlock': ({ secret }) => {
      if (secret !== '1234')
        return { error: { code: 'BAD_CREDENTIALS', message: 'no', details: { attemptsLeft: 4 } } };
      locked = false;
      return userWithRole('clerk');
    },
    'auth.signOut': () => {
      signedIn = false;
      return { signedOut: true };
    },
  });
  return bridge;
}

describe('lock screen', () => {
  it('locks after idleLockSeconds without activity and calls auth.lock', async () => {
    const bridge = signedInBridge(1);
    renderApp(bridge);
    await screen.findByTestId('home-clerk');
    const lock = await screen.findByTestId('lock-screen', {}, { timeout: 3_000 });
    expect(lock.textContent).toContain('Locked — Alice Chen');
    expect(bridge.callsTo('auth.lock')).toHaveLength(1);
    // Nothing of the signed-in screen stays in the page.
    expect(screen.queryByTestId('home-clerk')).toBeNull();
  });

  it('shows the lock screen when any call answers SESSION_LOCKED', async () => {
    const bridge = signedInBridge();
    bridge.handlers['orders.recent'] = () => ({
      error: { code: 'SESSION_LOCKED', message: 'locked' },
    });
    renderApp(bridge);
    expect(await screen.findByTestId('lock-screen')).toBeTruthy();
  });

  it('locks with the top-bar button, unlocks with the right PIN only', async () => {
    const bridge = signedInBridge();
    renderApp(bridge);
    await screen.findByTestId('home-clerk');
    fireEvent.click(screen.getByRole('button', { name: 'Lock' }));
    await screen.findByTestId('lock-screen');
    const pin = await screen.findByLabelText('PIN');

    fireEvent.change(pin, { target: { value: '0000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    const error = await screen.findByTestId('lock-error');
    expect(error.textContent).toContain('4 attempts left');

    fireEvent.change(screen.getByLabelText('PIN'), { target: { value: '1234' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByTestId('home-clerk')).toBeTruthy();
    expect(bridge.callsTo('auth.unlock')).toEqual([{ secret: '0000' }, { secret: '1234' }]);
  });

  it('switch user signs out and returns to the sign-in screen', async () => {
    const bridge = signedInBridge();
    renderApp(bridge);
    await screen.findByTestId('home-clerk');
    // Locked elsewhere (e.g. the backend's own idle timer): the event makes the UI re-read the session.
    bridge.handlers['session.current'] = () => ({
      user: userWithRole('clerk'),
      locked: true,
      device: DEVICE,
      idleLockSeconds: 300,
    });
    act(() => bridge.emit('session.changed', { reason: 'locked' }));
    await screen.findByTestId('lock-screen');
    fireEvent.click(screen.getByRole('button', { name: 'Switch user' }));
    await waitFor(() => expect(screen.getByLabelText('Username')).toBeTruthy());
    expect(bridge.callsTo('auth.signOut')).toHaveLength(1);
  });
});
