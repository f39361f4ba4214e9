// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Role } from '../../../shared/domain/permissions';
import { createFakeBridge, DEVICE, homeHandlers, userWithRole } from '../../test/fakeBridge';
import { renderApp } from '../../test/renderApp';
import {
  AMAZON_ORDER_ID,
  assessAnswer,
  LATE,
  LINE_A,
  LINE_B,
  order,
  returnDetail,
  RMA,
} from '../../test/returnsFixtures';
import { clampQuantity, initialDrafts, reasonsFor, remainingOf } from './intakeModel';

afterEach(cleanup);

function bridgeFor(role: Role, verdict: Parameters<typeof assessAnswer>[1] = {}) {
  return createFakeBridge({
    ...homeHandlers(),
    'session.current': () => ({
      user: userWithRole(role),
      locked: false,
      device: DEVICE,
      idleLockSeconds: 300,
    }),
    'orders.find': () => ({ matchedBy: 'amazon_order_id', orders: [order()] }),
    'returns.assess': (input) => assessAnswer(input, verdict),
    'returns.create': (input) => ({ returnId: input.id, rmaNumber: RMA }),
    'returns.get': () => returnDetail(),
    'labels.preview': () => ({ pdfBase64: 'JVBERi0=' }),
  });
}

/** Search the way a clerk types it: Returns, the order number, Enter. */
async function findOrder() {
  const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
  fireEvent.click(within(nav).getByRole('button', { name: 'Returns' }));
  const search = await screen.findByLabelText('Find order');
  fireEvent.change(search, { target: { value: AMAZON_ORDER_ID } });
  fireEvent.submit(search.closest('form')!);
  return screen.findByTestId('order-result');
}

describe('intake model', () => {
  it('never allows more than ordered minus returned, nor less than one', () => {
    expect(remainingOf({ quantity: 3, returnedQuantity: 1 })).toBe(2);
    expect(remainingOf({ quantity: 1, returnedQuantity: 2 })).toBe(0);
    expect(clampQuantity(5, 2)).toBe(2);
    expect(clampQuantity(0, 2)).toBe(1);
    expect(clampQuantity(1.7, 2)).toBe(1);
    expect(clampQuantity(Number.NaN, 2)).toBe(1);
    expect(clampQuantity(1, 0)).toBe(0);
  });

  it('preselects the only returnable line with quantity 1, and nothing otherwise', () => {
    expect(initialDrafts(order())[LINE_A]).toMatchObject({ selected: true, quantity: 1 });
    expect(initialDrafts(order())[LINE_B]).toMatchObject({ selected: false });
    const both = order({ lines: order().lines.map((l) => ({ ...l, returnedQuantity: 0 })) });
    expect(Object.values(initialDrafts(both)).some((d) => d.selected)).toBe(false);
  });

  it('offers size reasons only for clothing and no carrier returns', () => {
    expect(reasonsFor('apparel')).toContain('APPAREL_TOO_SMALL');
    expect(reasonsFor('electronics')).not.toContain('APPAREL_TOO_SMALL');
    expect(reasonsFor('electronics')).not.toContain('UNDELIVERABLE_REFUSED');
    expect(reasonsFor('electronics')).toContain('DEFECTIVE');
  });
});

describe('intake', () => {
  it('shows the order and keeps quantities within what is left to return', async () => {
    const bridge = bridgeFor('clerk');
    renderApp(bridge);
    const result = await findOrder();
    expect(result.textContent).toContain(AMAZON_ORDER_ID);
    expect(result.textContent).toContain('J*** D***');
    expect(result.textContent).toContain('Amazon.com (US)');
    // The book was returned in full already: it cannot be ticked.
    expect((within(result).getByLabelText('A Paperback Novel') as HTMLInputElement).disabled).toBe(
      true,
    );
    expect((within(result).getByLabelText('Wireless Headphones') as HTMLInputElement).checked).toBe(
      true,
    );

    const quantity = within(result).getByLabelText('Quantity') as HTMLInputElement;
    expect(quantity.value).toBe('1');
    const more = within(result).getByRole('button', { name: 'One more' }) as HTMLButtonElement;
    fireEvent.click(more);
    expect(quantity.value).toBe('2');
    expect(more.disabled).toBe(true);
    fireEvent.change(quantity, { target: { value: '7' } });
    expect(quantity.value).toBe('2');
    expect(within(result).getByText('at most 2')).toBeTruthy();
    fireEvent.change(quantity, { target: { value: '0' } });
    expect(quantity.value).toBe('1');
    fireEvent.change(quantity, { target: { value: '2' } });

    fireEvent.change(within(result).getByLabelText('Reason'), { target: { value: 'DEFECTIVE' } });
    fireEvent.click(within(result).getByLabelText('Opened'));
    const verdict = await within(result).findByTestId('assess-verdict');
    expect(verdict.textContent).toContain('Can be returned');
    expect(verdict.textContent).toContain('Dec 4, 2026');
    expect(result.textContent).toContain('$160.00');
    expect(bridge.callsTo('returns.assess').at(-1)).toEqual({
      orderId: order().id,
      lines: [
        {
          orderLineId: LINE_A,
          quantity: 2,
          reasonCode: 'DEFECTIVE',
          opened: true,
          damaged: false,
          missingParts: false,
        },
      ],
    });

    fireEvent.click(within(result).getByRole('button', { name: 'Take return' }));
    expect(await screen.findByTestId('rma-number')).toBeTruthy();
    const [create] = bridge.callsTo('returns.create') as {
      lines: { quantity: number; orderLineId: string }[];
      override?: unknown;
    }[];
    expect(create!.lines).toEqual([expect.objectContaining({ orderLineId: LINE_A, quantity: 2 })]);
    expect(create!.override).toBeUndefined();
  });

  it('a clerk gets a refusal and a manager override by PIN (auth.stepUp → returns.create)', async () => {
    const bridge = bridgeFor('clerk', LATE);
    bridge.handlers['auth.stepUp'] = () => ({
      grantId: 'grant-override-1',
      user: {
        id: '0190a000-0000-7000-8000-0000000000e2',
        displayName: 'Sam Boss',
        role: 'store_manager',
      },
      expiresAt: '2026-11-21T15:02:00.000Z',
    });
    renderApp(bridge);
    const result = await findOrder();
    fireEvent.change(within(result).getByLabelText('Reason'), {
      target: { value: 'UNWANTED_ITEM' },
    });

    const verdict = await within(result).findByTestId('assess-verdict');
    expect(verdict.textContent).toContain('Cannot be returned');
    expect(verdict.textContent).toContain('The return window ended on Oct 1, 2026 (12 days late)');
    expect(within(result).getByTestId('intake-refused').textContent).toContain(
      'The return rules refuse this return.',
    );
    expect(within(result).queryByRole('button', { name: 'Take return' })).toBeNull();

    fireEvent.click(within(result).getByRole('button', { name: 'Manager override' }));
    const dialog = await screen.findByRole('dialog', { name: 'Manager override' });
    const confirm = within(dialog).getByRole('button', { name: 'Confirm override' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText('Manager username'), {
      target: { value: 'sam' },
    });
    fireEvent.change(within(dialog).getByLabelText('Manager PIN'), { target: { value: '2468' } });
    fireEvent.change(within(dialog).getByLabelText('Override reason'), {
      target: { value: 'Gift, receipt lost' },
    });
    fireEvent.click(confirm);

    expect(await screen.findByTestId('rma-number')).toBeTruthy();
    expect(bridge.callsTo('auth.stepUp')).toEqual([
      { username: 'sam', secret: '2468', purpose: 'returns.override' },
    ]);
    const [create] = bridge.callsTo('returns.create') as { override?: unknown }[];
    expect(create!.override).toEqual({ reason: 'Gift, receipt lost', grantId: 'grant-override-1' });
    // stepUp came first, then the return with its grant.
    const order_ = bridge.calls.map((c) => c.name).filter((n) => n !== 'returns.assess');
    expect(order_.indexOf('auth.stepUp')).toBeLessThan(order_.indexOf('returns.create'));
  });

  it('a wrong manager PIN is shown in the dialog and no return is created', async () => {
    const bridge = bridgeFor('clerk', LATE);
    bridge.handlers['auth.stepUp'] = () => ({
      error: {
        code: 'BAD_CREDENTIALS',
        message: 'Wrong username or PIN.',
        details: { attemptsLeft: 2 },
      },
    });
    renderApp(bridge);
    const result = await findOrder();
    fireEvent.change(within(result).getByLabelText('Reason'), {
      target: { value: 'UNWANTED_ITEM' },
    });
    fireEvent.click(await within(result).findByRole('button', { name: 'Manager override' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Manager username'), {
      target: { value: 'sam' },
    });
    const pin = within(dialog).getByLabelText('Manager PIN') as HTMLInputElement;
    fireEvent.change(pin, { target: { value: '9999' } });
    fireEvent.change(within(dialog).getByLabelText('Override reason'), {
      target: { value: 'Gift' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm override' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Username or PIN/password is not correct.');
    expect(alert.textContent).toContain('2 attempts left');
    expect(pin.value).toBe('');
    expect(bridge.callsTo('returns.create')).toEqual([]);
  });

  it('a store manager overrides with a reason, without a PIN', async () => {
    const bridge = bridgeFor('store_manager', LATE);
    renderApp(bridge);
    const result = await findOrder();
    fireEvent.change(within(result).getByLabelText('Reason'), {
      target: { value: 'UNWANTED_ITEM' },
    });
    const reason = await within(result).findByLabelText('Override reason');
    expect(within(result).queryByRole('button', { name: 'Manager override' })).toBeNull();
    const take = within(result).getByRole('button', { name: 'Take return' }) as HTMLButtonElement;
    expect(take.disabled).toBe(true);
    fireEvent.change(reason, { target: { value: 'Long-standing customer' } });
    await waitFor(() => expect(take.disabled).toBe(false));
    fireEvent.click(take);

    expect(await screen.findByTestId('rma-number')).toBeTruthy();
    expect(bridge.callsTo('auth.stepUp')).toEqual([]);
    const [create] = bridge.callsTo('returns.create') as { override?: unknown }[];
    expect(create!.override).toEqual({ reason: 'Long-standing customer' });
  });

  it('opens the return screen with its RMA number after taking the return', async () => {
    const bridge = bridgeFor('clerk');
    renderApp(bridge);
    const result = await findOrder();
    const reason = within(result).getByLabelText('Reason');
    fireEvent.change(reason, { target: { value: 'DEFECTIVE' } });
    // Enter on the reason takes the return (queued until the verdict is back).
    fireEvent.keyDown(reason, { key: 'Enter' });
    expect((await screen.findByTestId('rma-number')).textContent).toBe(RMA);
    const [create] = bridge.callsTo('returns.create') as { id: string }[];
    // The return's id is made at the till (a v4 UUID) and opens its screen.
    expect(create!.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(bridge.callsTo('returns.get')).toEqual([{ returnId: create!.id }]);
  });
});
