// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import {
  createFakeBridge,
  DEVICE,
  homeHandlers,
  STORE_ID,
  userWithRole,
} from '../../test/fakeBridge';
import { renderApp } from '../../test/renderApp';

afterEach(cleanup);

const OTHER = {
  id: '0190a000-0000-7000-8000-0000000000f2',
  code: 'B',
  name: 'NY01 till B',
  storeId: STORE_ID,
  storeCode: 'NY01',
  enrolledAt: '2026-11-20T10:00:00.000Z',
  isThisDesktop: false,
};

function adminBridge() {
  return createFakeBridge({
    ...homeHandlers(),
    'session.current': () => ({
      user: userWithRole('admin'),
      locked: false,
      device: DEVICE,
      idleLockSeconds: 300,
    }),
    'users.all': () => [],
    'policies.list': () => ({ sets: [], defaults: {} }),
    'devices.list': () => [
      { ...OTHER, id: DEVICE.id, code: 'A', name: 'NY01 till A', isThisDesktop: true },
      OTHER,
    ],
    'devices.enrollmentCode': () => ({
      code: 'K7QM-3XR9-HT2P',
      expiresAt: '2026-11-23T10:00:00.000Z',
    }),
    'devices.revoke': (input) => ({
      deviceId: input.deviceId,
      revokedAt: '2026-11-22T10:00:00.000Z',
    }),
  });
}

describe('the admin’s desktops screen', () => {
  it('makes a one-time code for a store and shows it once', async () => {
    const bridge = adminBridge();
    renderApp(bridge);
    const card = await screen.findByTestId('admin-devices');
    await within(card).findByText('NY01 till B');
    fireEvent.click(within(card).getByRole('button', { name: 'Make an enrollment code' }));
    await within(card).findByText('K7QM-3XR9-HT2P');
    expect(bridge.callsTo('devices.enrollmentCode')).toEqual([
      { storeId: STORE_ID, scope: 'store' },
    ]);
  });

  it('revokes another desktop with a reason; this desktop cannot be revoked from here', async () => {
    const bridge = adminBridge();
    renderApp(bridge);
    const card = await screen.findByTestId('admin-devices');
    await within(card).findByText('NY01 till B');
    expect(within(card).queryByRole('button', { name: 'Revoke NY01 till A' })).toBeNull();
    fireEvent.click(within(card).getByRole('button', { name: 'Revoke NY01 till B' }));
    const confirm = within(card).getByRole('button', { name: 'Revoke now' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(
      within(card).getByLabelText('Why revoke NY01 till B? (kept in the audit log)'),
      {
        target: { value: 'Till stolen' },
      },
    );
    fireEvent.click(confirm);
    await within(card).findByText('NY01 till B is revoked: its sync stops at its next attempt.');
    expect(bridge.callsTo('devices.revoke')).toEqual([
      { deviceId: OTHER.id, reason: 'Till stolen' },
    ]);
  });
});
