// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { ROLES, type Role } from '../../../shared/domain/permissions';
import { createFakeBridge, DEVICE, homeHandlers, userWithRole } from '../../test/fakeBridge';
import { renderApp } from '../../test/renderApp';

afterEach(cleanup);

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

describe('home routing', () => {
  it.each(ROLES)('shows the %s home and no other', async (role) => {
    renderApp(bridgeFor(role));
    expect(await screen.findByTestId(`home-${role}`)).toBeTruthy();
    for (const other of ROLES.filter((r) => r !== role))
      expect(screen.queryByTestId(`home-${other}`)).toBeNull();
  });

  it('clerk: recent orders in the store time zone, formatted money, masked buyer', async () => {
    const bridge = bridgeFor('clerk');
    renderApp(bridge);
    const orders = await screen.findByTestId('recent-orders');
    const row = (await within(orders).findByText('113-1234567-7654321')).closest('tr')!;
    expect(row.textContent).toContain('$123.45');
    expect(row.textContent).toContain('J*** D***');
    expect(row.textContent).toContain('Amazon.com (US)');
    // 03:30 UTC on Nov 20 is 10:30 PM on Nov 19 in New York.
    expect(row.textContent).toMatch(/Nov 19, 2026.*10:30\s?PM/);
    expect(bridge.callsTo('orders.recent')).toEqual([{ storeId: DEVICE.storeId, limit: 20 }]);
  });

  it('finance: totals per currency for the last 30 days', async () => {
    const bridge = bridgeFor('finance');
    renderApp(bridge);
    const totals = await screen.findByTestId('finance-totals');
    expect(await within(totals).findByText('$1,500.00')).toBeTruthy();
    expect(within(totals).getByText('¥9,800')).toBeTruthy();
    expect(bridge.callsTo('finance.orderTotals')).toEqual([{ days: 30 }]);
  });

  it('shows a translated error with a retry when a home call fails', async () => {
    const bridge = bridgeFor('clerk');
    bridge.handlers['orders.recent'] = () => ({
      error: { code: 'OUT_OF_SCOPE', message: 'store not in scope' },
    });
    renderApp(bridge);
    const orders = await screen.findByTestId('recent-orders');
    const alert = await within(orders).findByRole('alert');
    expect(alert.textContent).toContain('outside your responsibility');
    expect(alert.textContent).toContain('store not in scope');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('shows only the navigation the user’s permissions allow, with future items disabled', async () => {
    renderApp(bridgeFor('finance'));
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    const names = within(nav)
      .getAllByRole('button')
      .map((b) => b.textContent);
    // Finance neither enrols tills nor reviews refused changes: no Sync screen.
    expect(names).toEqual(['Home', 'Refundscoming soon']);
    expect(
      (within(nav).getByRole('button', { name: /Refunds/ }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });
});
