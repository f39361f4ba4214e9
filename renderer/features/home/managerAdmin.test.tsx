// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import type { Role } from '../../../shared/domain/permissions';
import { createFakeBridge, DEVICE, homeHandlers, userWithRole } from '../../test/fakeBridge';
import { renderApp } from '../../test/renderApp';
import { checkSetting } from './StoreSettings';

afterEach(cleanup);

const LOCKED_USER = {
  id: '0190a000-0000-7000-8000-0000000000e9',
  username: 'bob',
  displayName: 'Bob Stone',
  role: 'clerk' as const,
  lockedUntil: '2999-01-01T00:00:00.000Z',
  failedAttempts: 5,
};

function bridgeFor(role: Role) {
  return createFakeBridge({
    ...homeHandlers(),
    'session.current': () => ({
      user: userWithRole(role),
      locked: false,
      device: DEVICE,
      idleLockSeconds: 300,
    }),
  });
}

describe('store manager home', () => {
  it('lists locked accounts and unlocks one with a reason', async () => {
    const bridge = bridgeFor('store_manager');
    let unlocked = false;
    bridge.handlers['users.list'] = () => [
      unlocked ? { ...LOCKED_USER, lockedUntil: null, failedAttempts: 0 } : LOCKED_USER,
      {
        ...LOCKED_USER,
        id: '0190a000-0000-7000-8000-0000000000ea',
        username: 'eve',
        displayName: 'Eve Free',
        lockedUntil: null,
      },
    ];
    bridge.handlers['users.unlock'] = () => {
      unlocked = true;
      return { ...LOCKED_USER, lockedUntil: null, failedAttempts: 0 };
    };
    renderApp(bridge);
    const card = await screen.findByTestId('locked-accounts');
    await within(card).findByText('Bob Stone');
    expect(within(card).queryByText('Eve Free')).toBeNull();

    fireEvent.click(within(card).getByRole('button', { name: 'Unlock Bob Stone' }));
    const confirm = within(card).getByRole('button', {
      name: 'Unlock account',
    }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true); // no reason yet
    fireEvent.change(within(card).getByLabelText('Reason'), {
      target: { value: 'Identity checked in person' },
    });
    fireEvent.click(confirm);

    expect(await within(card).findByText('Bob Stone can sign in again.')).toBeTruthy();
    expect(await within(card).findByText('No accounts are locked.')).toBeTruthy();
    expect(bridge.callsTo('users.unlock')).toEqual([
      { userId: LOCKED_USER.id, reason: 'Identity checked in person' },
    ]);
    expect(bridge.callsTo('users.list')[0]).toEqual({ storeId: DEVICE.storeId });
  });

  it('saves a changed setting and shows INVALID_INPUT with the allowed range', async () => {
    const bridge = bridgeFor('store_manager');
    bridge.handlers['settings.update'] = ({ key, value }) =>
      key === 'lockoutMinutes'
        ? { error: { code: 'INVALID_INPUT', message: 'value: too big' } }
        : {
            settings: { idleLockSeconds: value as number, maxFailedSignIns: 5, lockoutMinutes: 15 },
            updatedAt: '2026-11-21T12:00:00.000Z',
          };
    renderApp(bridge);
    const card = await screen.findByTestId('store-settings');
    const idle = await within(card).findByLabelText('Auto-lock after (seconds)');

    // Out of range: refused before it is sent.
    fireEvent.change(idle, { target: { value: '5' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Save' }));
    expect((await within(card).findByRole('alert')).textContent).toContain(
      'Enter a whole number from 30 to 3600.',
    );
    expect(bridge.callsTo('settings.update')).toEqual([]);

    fireEvent.change(idle, { target: { value: '120' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Save' }));
    expect(await within(card).findByText(/^Saved at/)).toBeTruthy();
    expect(bridge.callsTo('settings.update')).toEqual([
      { storeId: DEVICE.storeId, key: 'idleLockSeconds', value: 120 },
    ]);

    // The backend's INVALID_INPUT lands on the field.
    fireEvent.change(within(card).getByLabelText('Lockout duration (minutes)'), {
      target: { value: '20' },
    });
    fireEvent.click(within(card).getByRole('button', { name: 'Save' }));
    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toContain('Some of the values entered are not valid.');
    expect(alert.textContent).toContain('1 to 1440');
  });

  it('checks settings against the contract bounds', () => {
    expect(checkSetting('idleLockSeconds', '30')).toEqual({ value: 30 });
    expect(checkSetting('idleLockSeconds', '29')).toEqual({ problem: 'outOfRange' });
    expect(checkSetting('maxFailedSignIns', '4.5')).toEqual({ problem: 'notAWholeNumber' });
    expect(checkSetting('lockoutMinutes', '1441')).toEqual({ problem: 'outOfRange' });
  });
});

describe('admin home', () => {
  it('verifies the audit chain and names the first broken link', async () => {
    const bridge = bridgeFor('admin');
    bridge.handlers['audit.recent'] = () => [
      {
        id: '0190a000-0000-7000-8000-0000000000b1',
        seq: 7,
        at: '2026-11-21T12:00:00.000Z',
        action: 'auth.signIn',
        userId: null,
        username: 'admin',
        storeId: null,
        entityType: 'user',
        entityId: null,
      },
    ];
    bridge.handlers['audit.verify'] = () => ({
      intact: false,
      checked: 12,
      firstBroken: { seq: 7, id: 'evt-7', reason: 'hash_mismatch' },
    });
    renderApp(bridge);
    const audit = await screen.findByTestId('audit-recent');
    expect(await within(audit).findByText('auth.signIn')).toBeTruthy();
    fireEvent.click(within(audit).getByRole('button', { name: 'Verify audit chain' }));
    const result = await screen.findByText(/Audit chain broken/);
    expect(result.textContent).toContain('#7');
    expect(result.textContent).toContain('evt-7');
    expect(result.textContent).toContain('hash mismatch');
  });

  it('regional manager sees the stores of the region and zero pending approvals', async () => {
    renderApp(bridgeFor('regional_manager'));
    const grid = await screen.findByTestId('store-grid');
    expect(await within(grid).findByText('NY01')).toBeTruthy();
    expect(screen.getByTestId('pending-approvals').textContent).toContain('Pending approvals: 0');
  });
});
