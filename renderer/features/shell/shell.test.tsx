// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { createFakeBridge, DEVICE, homeHandlers, userWithRole } from '../../test/fakeBridge';
import { renderApp } from '../../test/renderApp';
import { navFor } from './nav';

afterEach(cleanup);

function clerkBridge() {
  return createFakeBridge({
    ...homeHandlers(),
    'session.current': () => ({
      user: userWithRole('clerk'),
      locked: false,
      device: DEVICE,
      idleLockSeconds: 300,
    }),
    'me.setLanguage': ({ language }) => ({ language, updatedAt: '2026-11-21T12:00:00.000Z' }),
  });
}

describe('navigation', () => {
  it('filters items by permission', () => {
    expect(navFor(['orders.read', 'finance.read']).map((i) => i.key)).toEqual(['home', 'refunds']);
    expect(navFor(['approvals.decide']).map((i) => i.key)).toEqual(['home', 'approvals']);
    expect(navFor(['returns.create', 'approvals.decide']).map((i) => i.key)).toEqual([
      'home',
      'returns',
      'approvals',
    ]);
    // Sync's screen (enrol, refused changes) is for those who may use it.
    expect(navFor(['approvals.decide', 'sync.review']).map((i) => i.key)).toEqual([
      'home',
      'approvals',
      'sync',
    ]);
  });
});

describe('top bar', () => {
  it('shows store, user and role, and follows sync.status events', async () => {
    const bridge = clerkBridge();
    renderApp(bridge);
    await screen.findByTestId('home-clerk');
    expect(screen.getByTestId('store-name').textContent).toBe(`${DEVICE.storeName} (NY01)`);
    expect(screen.getByTestId('current-user').textContent).toContain('Alice Chen');
    expect(screen.getByTestId('current-user').textContent).toContain('Clerk');
    const badge = screen.getByTestId('sync-status');
    await waitFor(() => expect(badge.textContent).toContain('Local only'));

    act(() =>
      bridge.emit('sync.status', {
        backOffice: 'offline',
        backOfficeUrl: null,
        pendingMutations: 1,
        rejectedMutations: 0,
        lastSyncedAt: null,
        lastError: null,
      }),
    );
    expect(badge.textContent).toContain('Offline');
    expect(badge.textContent).toContain('1 pending change');
    expect(badge.getAttribute('data-state')).toBe('offline');
  });

  it('switches the language through me.setLanguage', async () => {
    const bridge = clerkBridge();
    renderApp(bridge);
    await screen.findByTestId('home-clerk');
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'zh-CN' } });
    expect(await screen.findByText('您好，Alice Chen')).toBeTruthy();
    expect(bridge.callsTo('me.setLanguage')).toEqual([{ language: 'zh-CN' }]);
    expect(screen.getByRole('button', { name: '锁定' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('keeps the language when me.setLanguage fails, and says why', async () => {
    const bridge = clerkBridge();
    bridge.handlers['me.setLanguage'] = () => ({
      error: { code: 'INTERNAL', message: 'disk full' },
    });
    renderApp(bridge);
    await screen.findByTestId('home-clerk');
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'zh-CN' } });
    expect((await screen.findByRole('alert')).textContent).toContain('disk full');
    expect(screen.getByText('Hello, Alice Chen')).toBeTruthy();
  });
});
