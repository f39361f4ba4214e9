// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { RefundRequest } from '../../../shared/contracts';
import type { Role } from '../../../shared/domain/permissions';
import { createFakeBridge, DEVICE, homeHandlers, userWithRole } from '../../test/fakeBridge';
import { renderApp } from '../../test/renderApp';
import {
  AMAZON_ORDER_ID,
  REFUND_ID,
  refundRequest,
  returnDetail,
  RETURN_ID,
  RMA,
} from '../../test/returnsFixtures';

afterEach(cleanup);

const MANAGER = {
  id: '0190a000-0000-7000-8000-0000000000e2',
  displayName: 'Sam Boss',
  role: 'store_manager' as const,
};

function decided(decision: 'approved' | 'denied', comment: string, method: string): RefundRequest {
  return refundRequest({
    status: decision,
    approval: {
      id: '0190a000-0000-7000-8000-00000000e002',
      decision,
      method,
      decidedBy: MANAGER.displayName,
      comment,
      decidedAt: '2026-11-21T15:10:00.000Z',
    },
  });
}

function bridgeFor(role: Role) {
  let pending = refundRequest();
  const bridge = createFakeBridge({
    ...homeHandlers(),
    'session.current': () => ({
      user: userWithRole(role),
      locked: false,
      device: DEVICE,
      idleLockSeconds: 300,
    }),
    'returns.recent': () => [
      {
        id: RETURN_ID,
        rmaNumber: RMA,
        status: 'open',
        amazonOrderId: AMAZON_ORDER_ID,
        lineCount: 1,
        createdAt: '2026-11-21T15:00:00.000Z',
        refundStatus: 'pending_approval',
      },
    ],
    'returns.get': () => returnDetail({ refunds: [pending] }),
    'labels.preview': () => ({ pdfBase64: 'JVBERi0=' }),
    'auth.stepUp': () => ({
      grantId: 'grant-approve-1',
      user: MANAGER,
      expiresAt: '2026-11-21T15:12:00.000Z',
    }),
    'approvals.decide': (input) => {
      pending = decided(input.decision, input.comment ?? '', input.grantId ? 'till_pin' : 'queue');
      return pending;
    },
    'approvals.queue': () => (pending.status === 'pending_approval' ? [pending] : []),
  });
  return bridge;
}

async function openApprovalDialog() {
  const recent = await screen.findByTestId('recent-returns');
  fireEvent.click(await within(recent).findByRole('button', { name: `Open return ${RMA}` }));
  const page = await screen.findByTestId('return-screen');
  fireEvent.click(await within(page).findByRole('button', { name: 'Manager approval' }));
  return screen.findByRole('dialog', { name: 'Manager approval' });
}

function enterPin(dialog: HTMLElement, pin = '2468') {
  fireEvent.change(within(dialog).getByLabelText('Manager username'), { target: { value: 'sam' } });
  fireEvent.change(within(dialog).getByLabelText('Manager PIN'), { target: { value: pin } });
}

describe('approval at the till', () => {
  it('a manager’s PIN gives a grant that goes with approvals.decide; the clerk stays signed in', async () => {
    const bridge = bridgeFor('clerk');
    renderApp(bridge);
    const dialog = await openApprovalDialog();
    // The manager sees what they approve: amount, lines and reasons.
    expect(dialog.textContent).toContain(`Refund $80.00 for RMA ${RMA}`);
    expect(dialog.textContent).toContain('Wireless Headphones');
    expect(dialog.textContent).toContain('This buyer made 3 other returns in the last 90 days');
    const approve = within(dialog).getByRole('button', { name: 'Approve' }) as HTMLButtonElement;
    expect(approve.disabled).toBe(true);

    enterPin(dialog);
    fireEvent.change(within(dialog).getByLabelText('Comment'), {
      target: { value: 'Checked the unit' },
    });
    fireEvent.click(approve);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.callsTo('auth.stepUp')).toEqual([
      { username: 'sam', secret: '2468', purpose: 'approvals.decide' },
    ]);
    const [decision] = bridge.callsTo('approvals.decide') as Record<string, unknown>[];
    expect(decision).toMatchObject({
      refundRequestId: REFUND_ID,
      decision: 'approved',
      comment: 'Checked the unit',
      grantId: 'grant-approve-1',
    });
    expect(typeof decision!.id).toBe('string');
    const status = await screen.findByTestId('refund-status');
    await waitFor(() => expect(status.textContent).toBe('Approved'));
    expect(screen.getByTestId('refund-decision').textContent).toContain(
      'Approved by Sam Boss (PIN at the till)',
    );
    expect(screen.getByTestId('current-user').textContent).toContain('Alice Chen');
    expect(bridge.callsTo('auth.signIn')).toEqual([]);
  });

  it('denying needs a comment; a wrong PIN decides nothing', async () => {
    const bridge = bridgeFor('clerk');
    bridge.handlers['auth.stepUp'] = () => ({
      error: { code: 'BAD_CREDENTIALS', message: 'Wrong username or PIN.' },
    });
    renderApp(bridge);
    const dialog = await openApprovalDialog();
    enterPin(dialog, '0000');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Deny' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'Say why the refund is denied.',
    );
    expect(bridge.callsTo('auth.stepUp')).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText('Comment'), {
      target: { value: 'No receipt' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Deny' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert').textContent).toContain(
        'Username or PIN/password is not correct.',
      ),
    );
    expect(bridge.callsTo('auth.stepUp')).toHaveLength(1);
    expect(bridge.callsTo('approvals.decide')).toEqual([]);
    expect((within(dialog).getByLabelText('Manager PIN') as HTMLInputElement).value).toBe('');
  });
});

describe('approvals queue', () => {
  it('a manager decides from their own queue with their own session (no grant)', async () => {
    const bridge = bridgeFor('store_manager');
    renderApp(bridge);
    const home = await screen.findByTestId('pending-approvals');
    expect(await within(home).findByText('Pending approvals: 1')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    fireEvent.click(within(nav).getByRole('button', { name: 'Approvals' }));

    const queue = await screen.findByTestId('approval-queue');
    const item = await within(queue).findByTestId('approval-item');
    expect(item.textContent).toContain(`Refund $80.00 for RMA ${RMA}`);
    expect(item.textContent).toContain('at or above $50.00');
    fireEvent.change(within(item).getByLabelText('Comment'), { target: { value: 'Fine' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Deny' }));

    expect(await screen.findByText(`Refund for RMA ${RMA} denied.`)).toBeTruthy();
    expect(await within(queue).findByText('Nothing is waiting for approval.')).toBeTruthy();
    expect(bridge.callsTo('auth.stepUp')).toEqual([]);
    const [decision] = bridge.callsTo('approvals.decide') as Record<string, unknown>[];
    expect(decision).toMatchObject({
      refundRequestId: REFUND_ID,
      decision: 'denied',
      comment: 'Fine',
    });
    expect(decision).not.toHaveProperty('grantId');
  });

  it('shows Approvals only to those who may decide', async () => {
    renderApp(bridgeFor('clerk'));
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).queryByRole('button', { name: 'Approvals' })).toBeNull();
    expect(within(nav).getByRole('button', { name: 'Returns' })).toBeTruthy();
  });
});
