// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { createFakeBridge, DEVICE, homeHandlers, userWithRole } from '../../test/fakeBridge';
import { renderApp } from '../../test/renderApp';

afterEach(cleanup);

describe('seller account card', () => {
  it('shows what the back office holds, sends the credentials once and clears the form', async () => {
    const bridge = createFakeBridge({
      ...homeHandlers(),
      'session.current': () => ({
        user: userWithRole('admin'),
        locked: false,
        device: DEVICE,
        idleLockSeconds: 300,
      }),
      'users.all': () => [],
      'policies.list': () => ({ sets: [], defaults: {} }),
      'devices.list': () => [],
      'amazonAccount.set': (input) => ({
        connected: true,
        clientIdHint: `${input.clientId.slice(0, 5)}…${input.clientId.slice(-4)}`,
        refreshTokenSet: true,
        sellerId: input.sellerId,
        region: 'na',
        updatedAt: '2026-11-21T15:00:00.000Z',
      }),
    });
    renderApp(bridge);
    const card = await screen.findByTestId('admin-amazon-account');
    expect((await within(card).findByTestId('amazon-account-status')).textContent).toBe(
      'Not connected: the back office has no seller credentials.',
    );
    const save = within(card).getByRole('button', { name: 'Save to the back office' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    const type = (label: string, value: string) =>
      fireEvent.change(within(card).getByLabelText(label), { target: { value } });
    type('LWA client id', 'amzn1.application-oa2-client.abc9xyz');
    type('LWA client secret', 'secret-secret');
    type('Refresh token', 'Atzr|token-token');
    type('Seller id', 'A2SELLER');
    expect((within(card).getByLabelText('LWA client secret') as HTMLInputElement).type).toBe(
      'password',
    );
    fireEvent.click(save);
    expect(
      await within(card).findByText('Connected · client id amzn1…9xyz · refresh token set'),
    ).toBeTruthy();
    expect(bridge.callsTo('amazonAccount.set')).toEqual([
      {
        clientId: 'amzn1.application-oa2-client.abc9xyz',
        clientSecret: 'secret-secret',
        refreshToken: 'Atzr|token-token',
        sellerId: 'A2SELLER',
        region: 'na',
      },
    ]);
    expect((within(card).getByLabelText('LWA client secret') as HTMLInputElement).value).toBe('');
  });
});
