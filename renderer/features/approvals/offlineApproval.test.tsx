// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { RefundRequest } from '../../../shared/contracts';
import type { Role } from '../../../shared/domain/permissions';
import {
  createFakeBridge,
  DEVICE,
  homeHandlers,
  STORE_ID,
  userWithRole,
} from '../../test/fakeBridge';
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

const CHALLENGE_ID = '0190a000-0000-7000-8000-00000000c001';

function offlineApproved(confirmedAt: string | null): RefundRequest {
  return refundRequest({
    status: 'approved',
    approval: {
      id: '0190a000-0000-7000-8000-00000000e003',
      decision: 'approved',
      method: 'offline_code',
      decidedBy: 'Sarah Mitchell',
      comment: '',
      decidedAt: '2026-11-21T15:10:00.000Z',
      confirmedAt,
    },
  });
}

function bridgeFor(role: Role) {
  let request = refundRequest();
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
        refundStatus: request.status,
      },
    ],
    'returns.get': () => returnDetail({ refunds: [request] }),
    'labels.preview': () => ({ pdfBase64: 'JVBERi0=' }),
    'approvals.offlineChallenge': () => ({
      challengeId: CHALLENGE_ID,
      challenge: '123456 789012',
      amount: { amountMinor: 8000, currency: 'USD' },
      expiresAt: '2026-11-21T15:20:00.000Z',
    }),
    'approvals.offlineEnter': (input) => {
      if (input.response.replace(/\D/g, '') !== '12345678654321')
        return { error: { code: 'OFFLINE_CODE_WRONG_AMOUNT', message: 'another amount' } };
      request = offlineApproved(null);
      return request;
    },
    'approvals.offlineRespond': (input) => ({
      response: '123456-78-654321',
      token: 'payload.signature',
      keyId: '0190a000-0000-7000-8000-00000000a001',
      request: input.challenge.replace(/\s/g, '') === '123456789012' ? refundRequest() : null,
    }),
  });
  return {
    bridge,
    confirm: () => {
      request = offlineApproved('2026-11-21T16:00:00.000Z');
    },
  };
}

async function openReturn() {
  const recent = await screen.findByTestId('recent-returns');
  fireEvent.click(await within(recent).findByRole('button', { name: `Open return ${RMA}` }));
  return screen.findByTestId('return-screen');
}

describe('approval by phone code at the till', () => {
  it('shows a challenge and the amount, takes the manager’s code, then waits for the back office', async () => {
    const { bridge, confirm } = bridgeFor('clerk');
    renderApp(bridge);
    const page = await openReturn();
    fireEvent.click(
      await within(page).findByRole('button', { name: 'Manager not here? Approve by code' }),
    );
    const panel = await screen.findByTestId('offline-code');
    expect((await within(panel).findByTestId('offline-challenge')).textContent).toBe(
      '123456 789012',
    );
    expect(within(panel).getByTestId('offline-amount').textContent).toBe('$80.00');
    expect(bridge.callsTo('approvals.offlineChallenge')).toEqual([{ refundRequestId: REFUND_ID }]);

    // A code for another amount is refused with its own message.
    const field = within(panel).getByLabelText('Manager’s code');
    fireEvent.change(field, { target: { value: '123456-78-000000' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Approve with code' }));
    expect((await within(panel).findByRole('alert')).textContent).toContain(
      'That code was made for another amount.',
    );

    fireEvent.change(field, { target: { value: '123456 78 654321' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Approve with code' }));
    const state = await screen.findByTestId('offline-approval-state');
    expect(state.dataset.state).toBe('awaiting');
    expect(state.textContent).toBe('Approved offline — awaiting back-office confirmation.');
    expect(bridge.callsTo('approvals.offlineEnter').at(-1)).toEqual({
      challengeId: CHALLENGE_ID,
      response: '123456 78 654321',
    });

    // A pull brings the back office's confirmation: the screen reads the request again.
    confirm();
    bridge.emit('data.changed', { tables: ['approvals'] });
    await waitFor(() =>
      expect(screen.getByTestId('offline-approval-state').dataset.state).toBe('confirmed'),
    );
  });
});

describe('approve by phone on the manager’s laptop', () => {
  it('shows what is approved and the code in large digits, or says the request is not here', async () => {
    const { bridge } = bridgeFor('regional_manager');
    renderApp(bridge);
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    fireEvent.click(within(nav).getByRole('button', { name: 'Approvals' }));
    const card = await screen.findByTestId('phone-approval');
    await within(card).findByRole('option', { name: /NY01/ });
    fireEvent.change(within(card).getByLabelText('Store'), { target: { value: STORE_ID } });
    fireEvent.change(within(card).getByLabelText('Challenge'), {
      target: { value: '123456 789012' },
    });
    fireEvent.change(within(card).getByLabelText('Amount'), { target: { value: '80.00' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Make code' }));

    const answer = await within(card).findByTestId('phone-approval-answer');
    expect(within(answer).getByTestId('offline-response').textContent).toBe('123456-78-654321');
    expect(answer.textContent).toContain(`Refund $80.00 for RMA ${RMA}`);
    expect(bridge.callsTo('approvals.offlineRespond')).toEqual([
      { challenge: '123456 789012', amountMinor: 8000, currency: 'USD', storeId: STORE_ID },
    ]);

    fireEvent.change(within(card).getByLabelText('Challenge'), {
      target: { value: '000000 000000' },
    });
    fireEvent.click(within(card).getByRole('button', { name: 'Make code' }));
    expect(await within(card).findByTestId('phone-approval-not-here')).toBeTruthy();
  });

  it('says so when this laptop holds no key of the manager', async () => {
    const { bridge } = bridgeFor('regional_manager');
    bridge.handlers['approvals.offlineRespond'] = () => ({
      error: { code: 'NO_MANAGER_KEY', message: 'no key' },
    });
    renderApp(bridge);
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    fireEvent.click(within(nav).getByRole('button', { name: 'Approvals' }));
    const card = await screen.findByTestId('phone-approval');
    await within(card).findByRole('option', { name: /NY01/ });
    fireEvent.change(within(card).getByLabelText('Store'), { target: { value: STORE_ID } });
    fireEvent.change(within(card).getByLabelText('Challenge'), {
      target: { value: '123456789012' },
    });
    fireEvent.change(within(card).getByLabelText('Amount'), { target: { value: '80' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Make code' }));
    expect((await within(card).findByRole('alert')).textContent).toContain(
      'This desktop holds no approval key of yours yet.',
    );
  });
});
