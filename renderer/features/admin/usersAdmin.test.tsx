// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import type { ManagedUser } from '../../../shared/contracts';
import {
  createFakeBridge,
  DEVICE,
  homeHandlers,
  REGION_ID,
  STORE_ID,
  userWithRole,
} from '../../test/fakeBridge';
import { renderApp } from '../../test/renderApp';
import { matchesFilter, scopeFor } from './userForm';

afterEach(cleanup);

const CLERK: ManagedUser = {
  id: '0190a000-0000-7000-8000-0000000000c1',
  username: 'clerk.ny01',
  displayName: 'Casey Clerk',
  role: 'clerk',
  scope: { kind: 'store', storeId: STORE_ID },
  scopeLabel: 'NY01',
  secretKind: 'pin',
  language: 'en',
  active: true,
  lockedUntil: null,
  updatedAt: '2026-11-21T10:00:00.000Z',
};

function adminBridge(people: ManagedUser[]) {
  return createFakeBridge({
    ...homeHandlers(),
    'session.current': () => ({
      user: userWithRole('admin'),
      locked: false,
      device: DEVICE,
      idleLockSeconds: 300,
    }),
    'users.all': () => people,
  });
}

describe('the admin’s people screen', () => {
  it('lists people and adds a clerk at a store with a PIN', async () => {
    const people = [CLERK];
    const bridge = adminBridge(people);
    bridge.handlers['users.create'] = (input) => {
      const created = {
        ...CLERK,
        id: input.id,
        username: input.username,
        displayName: input.displayName,
      };
      people.push(created);
      return created;
    };
    renderApp(bridge);
    const card = await screen.findByTestId('admin-users');
    await within(card).findByText('Casey Clerk');

    fireEvent.click(within(card).getByRole('button', { name: 'Add a person' }));
    fireEvent.change(within(card).getByLabelText('Username'), { target: { value: 'jane.doe' } });
    fireEvent.change(within(card).getByLabelText('Name'), { target: { value: 'Jane Doe' } });
    fireEvent.change(within(card).getByLabelText('PIN (4–8 digits)'), {
      target: { value: '482913' },
    });
    fireEvent.click(within(card).getByRole('button', { name: 'Create' }));
    await within(card).findByText('Jane Doe can now sign in.');
    expect(bridge.callsTo('users.create')).toEqual([
      expect.objectContaining({
        username: 'jane.doe',
        role: 'clerk',
        scope: { kind: 'store', storeId: STORE_ID },
        secret: '482913',
      }),
    ]);
    await within(card).findByText('Jane Doe');
  });

  it('shows the backend’s refusal and keeps the form open', async () => {
    const bridge = adminBridge([CLERK]);
    bridge.handlers['users.resetSecret'] = () => ({
      error: { code: 'WEAK_SECRET', message: 'A PIN is 4 to 8 digits.' },
    });
    renderApp(bridge);
    const card = await screen.findByTestId('admin-users');
    await within(card).findByText('Casey Clerk');
    fireEvent.click(
      within(card).getByRole('button', { name: 'Reset PIN or password Casey Clerk' }),
    );
    fireEvent.change(within(card).getByLabelText('New PIN or password'), {
      target: { value: '12' },
    });
    fireEvent.change(within(card).getByLabelText('Reason (kept in the audit log)'), {
      target: { value: 'Forgot PIN' },
    });
    fireEvent.click(within(card).getByRole('button', { name: 'Save' }));
    await within(card).findByText('A PIN is 4 to 8 digits; a password has at least 10 characters.');
    expect(within(card).getByLabelText('New PIN or password')).toBeTruthy();
  });
});

describe('user form rules', () => {
  it('gives each role the kind of place it works at', () => {
    expect(scopeFor('clerk', STORE_ID)).toEqual({ kind: 'store', storeId: STORE_ID });
    expect(scopeFor('regional_manager', REGION_ID)).toEqual({
      kind: 'region',
      regionId: REGION_ID,
    });
    expect(scopeFor('finance', STORE_ID)).toEqual({ kind: 'chain' });
    expect(scopeFor('clerk', '')).toBeNull();
  });
  it('filters by name, username or place', () => {
    expect(matchesFilter(CLERK, 'casey')).toBe(true);
    expect(matchesFilter(CLERK, 'ny01')).toBe(true);
    expect(matchesFilter(CLERK, 'tokyo')).toBe(false);
  });
});
