// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import type { ReturnDetail } from '../../../shared/contracts';
import { createFakeBridge, DEVICE, homeHandlers, userWithRole } from '../../test/fakeBridge';
import { renderApp } from '../../test/renderApp';
import {
  AMAZON_ORDER_ID,
  refundRequest,
  returnDetail,
  RETURN_ID,
  RETURN_LINE,
  RMA,
} from '../../test/returnsFixtures';

afterEach(cleanup);

/** A clerk at the till, one return on file; `refunds.request` answers as the policy would. */
function setup() {
  let detail: ReturnDetail = returnDetail();
  const bridge = createFakeBridge({
    ...homeHandlers(),
    'session.current': () => ({
      user: userWithRole('clerk'),
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
        refundStatus: null,
      },
    ],
    'returns.get': () => detail,
    'labels.preview': () => ({ pdfBase64: 'JVBERi0=' }),
    'refunds.request': (input) => {
      const request = refundRequest({ id: input.id });
      detail = { ...detail, refunds: [request] };
      return request;
    },
  });
  return { bridge, setDetail: (d: ReturnDetail) => (detail = d) };
}

async function openReturn() {
  const recent = await screen.findByTestId('recent-returns');
  fireEvent.click(await within(recent).findByRole('button', { name: `Open return ${RMA}` }));
  return screen.findByTestId('return-screen');
}

describe('refund request', () => {
  it('requests the whole return and shows why it waits for a manager', async () => {
    const { bridge } = setup();
    renderApp(bridge);
    const page = await openReturn();
    expect((await within(page).findByTestId('rma-number')).textContent).toBe(RMA);
    const request = within(page).getByRole('button', { name: 'Request refund' });
    // Just taken and nothing asked yet: the refund is the next step, one key away.
    expect(document.activeElement).toBe(request);

    fireEvent.click(request);

    const status = await within(page).findByTestId('refund-status');
    expect(status.textContent).toBe('Waiting for a manager');
    expect(status.getAttribute('data-status')).toBe('pending_approval');
    const reasons = within(page).getByTestId('refund-reasons');
    expect(reasons.textContent).toContain(
      'The refund of $80.00 is at or above $50.00, the limit for automatic approval',
    );
    expect(reasons.textContent).toContain('This buyer made 3 other returns in the last 90 days');
    // The signal appears once although it is both a reason and a risk signal.
    expect(within(reasons).getAllByText(/This buyer made/)).toHaveLength(1);
    expect(within(page).getByRole('button', { name: 'Manager approval' })).toBeTruthy();
    expect(within(page).queryByRole('button', { name: 'Request refund' })).toBeNull();

    const [sent] = bridge.callsTo('refunds.request') as Record<string, unknown>[];
    expect(Object.keys(sent!).sort()).toEqual(['id', 'returnId']);
    expect(sent!.returnId).toBe(RETURN_ID);
  });

  it('shows an automatic approval as approved, with no manager step', async () => {
    const { bridge } = setup();
    bridge.handlers['refunds.request'] = (input) => {
      const request = refundRequest({
        id: input.id,
        status: 'approved',
        decision: 'auto_approved',
        decisionReasons: [],
        riskSignals: [],
        approval: {
          id: '0190a000-0000-7000-8000-00000000e001',
          decision: 'approved',
          method: 'policy',
          decidedBy: null,
          comment: '',
          decidedAt: '2026-11-21T15:05:00.000Z',
        },
      });
      bridge.handlers['returns.get'] = () => returnDetail({ refunds: [request] });
      return request;
    };
    renderApp(bridge);
    const page = await openReturn();
    fireEvent.click(await within(page).findByRole('button', { name: 'Request refund' }));
    const status = await within(page).findByTestId('refund-status');
    expect(status.textContent).toBe('Approved');
    expect(page.textContent).toContain('Approved automatically by the refund policy.');
    expect(within(page).queryByRole('button', { name: 'Manager approval' })).toBeNull();
  });

  it('a lower amount needs a reason (ADJUSTMENT_REASON_REQUIRED), then goes as typed', async () => {
    const { bridge } = setup();
    const answer = bridge.handlers['refunds.request']!;
    bridge.handlers['refunds.request'] = (input) =>
      input.adjustmentReason
        ? answer(input)
        : { error: { code: 'ADJUSTMENT_REASON_REQUIRED', message: 'Say why.' } };
    renderApp(bridge);
    const page = await openReturn();
    fireEvent.click(await within(page).findByRole('button', { name: 'Adjust amounts' }));
    const amount = within(page).getByLabelText('Refund for Wireless Headphones');

    fireEvent.change(amount, { target: { value: '12.345' } });
    fireEvent.click(within(page).getByRole('button', { name: 'Request refund' }));
    expect((await within(page).findByRole('alert')).textContent).toContain('like 12.50');
    expect(bridge.callsTo('refunds.request')).toEqual([]);

    fireEvent.change(amount, { target: { value: '60.50' } });
    fireEvent.click(within(page).getByRole('button', { name: 'Request refund' }));
    expect((await within(page).findByRole('alert')).textContent).toContain(
      'Say why the refund is lower than the computed amount.',
    );

    fireEvent.change(within(page).getByLabelText('Adjustment reason'), {
      target: { value: 'Scuffed case, agreed with customer' },
    });
    fireEvent.click(within(page).getByRole('button', { name: 'Request refund' }));
    await within(page).findByTestId('refund-status');
    const calls = bridge.callsTo('refunds.request') as Record<string, unknown>[];
    expect(calls.at(-1)).toMatchObject({
      returnId: RETURN_ID,
      lines: [{ returnLineId: RETURN_LINE, totalMinor: 6050 }],
      adjustmentReason: 'Scuffed case, agreed with customer',
    });
    // One intent, one id: the retry after the refusal kept it.
    expect(new Set(calls.map((c) => c.id)).size).toBe(1);
  });

  it('shows what Amazon made of the refund as the back office rows arrive, without a reload', async () => {
    const { bridge, setDetail } = setup();
    const approval = {
      id: '0190a000-0000-7000-8000-00000000e001',
      decision: 'approved' as const,
      method: 'policy' as const,
      decidedBy: null,
      comment: '',
      decidedAt: '2026-11-21T15:05:00.000Z',
    };
    const withStatus = (fields: Partial<ReturnType<typeof refundRequest>>) =>
      setDetail(
        returnDetail({
          refunds: [refundRequest({ decision: 'auto_approved', approval, ...fields })],
        }),
      );
    withStatus({ status: 'submitted' });
    renderApp(bridge);
    const page = await openReturn();
    const outcome = await within(page).findByTestId('refund-amazon-outcome');
    expect(outcome.textContent).toBe('Submitted to Amazon — waiting for its answer.');
    expect(within(page).getByTestId('refund-status').textContent).toBe('Submitted to Amazon');

    withStatus({ status: 'refunded', amazonAdjustmentId: 'adj-7f3a' });
    bridge.emit('data.changed', { tables: ['refundRequests'] });
    await within(page).findByText('Refunded · Amazon adjustment adj-7f3a');
    expect(within(page).getByTestId('refund-status').textContent).toBe('Refunded');

    withStatus({ status: 'rejected', rejectionReason: 'Order not eligible for refund.' });
    bridge.emit('data.changed', { tables: ['refundRequests'] });
    await within(page).findByText('Rejected: Order not eligible for refund.');
    expect(within(page).getByTestId('refund-amazon-outcome').getAttribute('data-status')).toBe(
      'rejected',
    );
  });

  it('says the same in Chinese', async () => {
    const { bridge, setDetail } = setup();
    bridge.handlers['session.current'] = () => ({
      user: userWithRole('clerk', { language: 'zh-CN' }),
      locked: false,
      device: DEVICE,
      idleLockSeconds: 300,
    });
    setDetail(
      returnDetail({
        refunds: [refundRequest({ status: 'refunded', amazonAdjustmentId: 'adj-9' })],
      }),
    );
    renderApp(bridge);
    const recent = await screen.findByTestId('recent-returns');
    fireEvent.click(
      (await within(recent).findAllByRole('button')).find((b) => b.textContent?.includes(RMA))!,
    );
    const page = await screen.findByTestId('return-screen');
    expect((await within(page).findByTestId('refund-amazon-outcome')).textContent).toBe(
      '已退款 · 亚马逊调整编号 adj-9',
    );
  });
});
