// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { createFakeBridge, DEVICE, homeHandlers, userWithRole } from '../../test/fakeBridge';
import { renderApp } from '../../test/renderApp';
import { latestVersions, parseRules } from './PoliciesAdmin';

afterEach(cleanup);

const V1 = {
  rowId: '0190a000-0000-7000-8000-0000000000d1',
  setKey: 'chain',
  version: 1,
  scope: { kind: 'chain' as const },
  rules: { autoApproveBelowMinor: { USD: 6000 } },
  publishedAt: '2026-11-20T10:00:00.000Z',
  publishedBy: null,
};

describe('the admin’s policy screen', () => {
  it('previews a new version, then publishes it and says what it approved', async () => {
    const bridge = createFakeBridge({
      ...homeHandlers(),
      'session.current': () => ({
        user: userWithRole('admin'),
        locked: false,
        device: DEVICE,
        idleLockSeconds: 300,
      }),
      'users.all': () => [],
      'policies.list': () => ({ sets: [V1], defaults: {} }),
      'policies.preview': () => ({
        version: 2,
        nowAutoApproved: 1,
        changes: [
          {
            refundRequestId: '0190a000-0000-7000-8000-0000000000e1',
            rmaNumber: 'NY01-A-261121-0001',
            storeCode: 'NY01',
            amount: { amountMinor: 8000, currency: 'USD' },
            from: 'store_manager',
            to: 'auto',
          },
        ],
      }),
      'policies.publish': () => ({ version: 2, label: 'chain v2', autoApproved: 1 }),
    });
    renderApp(bridge);
    const card = await screen.findByTestId('admin-policies');
    await within(card).findByText('chain');
    fireEvent.click(within(card).getByRole('button', { name: 'New version' }));
    const publish = within(card).getByRole('button', { name: 'Publish' }) as HTMLButtonElement;
    expect(publish.disabled).toBe(true); // not before a preview
    fireEvent.change(within(card).getByLabelText('Rules (JSON; only what this set changes)'), {
      target: { value: '{"autoApproveBelowMinor": {"USD": 9000}}' },
    });
    fireEvent.click(within(card).getByRole('button', { name: 'Preview' }));
    await within(card).findByText('Version 2 would approve 1 waiting request now:');
    expect(bridge.callsTo('policies.preview')).toEqual([
      {
        setKey: 'chain',
        scope: { kind: 'chain' },
        rules: { autoApproveBelowMinor: { USD: 9000 } },
      },
    ]);
    fireEvent.click(within(card).getByRole('button', { name: 'Publish' }));
    await within(card).findByText('Published chain v2; 1 waiting request approved.');
  });

  it('keeps only the newest version of each set, and refuses rules the schema refuses', () => {
    expect(
      latestVersions([
        V1,
        { ...V1, rowId: 'x', version: 3 },
        { ...V1, rowId: 'y', version: 2 },
      ]).map((s) => s.version),
    ).toEqual([3]);
    expect(parseRules('{"refundDueBusinessDays": 0}')).toEqual({ ok: false });
    expect(parseRules('not json')).toEqual({ ok: false });
    expect(parseRules('{"refundDueBusinessDays": 2}')).toEqual({
      ok: true,
      rules: { refundDueBusinessDays: 2 },
    });
  });
});
