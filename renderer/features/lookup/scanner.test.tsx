// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { createFakeBridge, DEVICE, homeHandlers, userWithRole } from '../../test/fakeBridge';
import { renderApp } from '../../test/renderApp';
import { AMAZON_ORDER_ID, order, RETURN_ID, RMA } from '../../test/returnsFixtures';
import { ScanBuffer } from './scanner';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function clerkBridge() {
  return createFakeBridge({
    ...homeHandlers(),
    'session.current': () => ({
      user: userWithRole('clerk'),
      locked: false,
      device: DEVICE,
      idleLockSeconds: 300,
    }),
    'orders.find': () => ({ matchedBy: 'amazon_order_id', orders: [order()] }),
  });
}

/** Keys as a wedge scanner (or a person) sends them, to whatever has focus. */
function type(target: Element, text: string, gapMs = 0) {
  for (const key of text) {
    if (gapMs) vi.setSystemTime(Date.now() + gapMs);
    fireEvent.keyDown(target, { key });
  }
  if (gapMs) vi.setSystemTime(Date.now() + gapMs);
  fireEvent.keyDown(target, { key: 'Enter' });
}

describe('ScanBuffer', () => {
  it('completes a scan from fast keys ended by a fast Enter', () => {
    const buffer = new ScanBuffer(50, 4);
    const steps = [...'AB-12'].map((key, i) => buffer.key(key, 1000 + i * 10));
    expect(steps.map((s) => s.kind)).toEqual(['pass', 'consume', 'consume', 'consume', 'consume']);
    expect(buffer.key('Enter', 1060)).toEqual({ kind: 'scan', code: 'AB-12' });
  });

  it('does not treat a person’s typing, a short burst or a late Enter as a scan', () => {
    const slow = new ScanBuffer(50, 4);
    expect([...'1234'].map((key, i) => slow.key(key, i * 120).kind)).toEqual([
      'pass',
      'pass',
      'pass',
      'pass',
    ]);
    expect(slow.key('Enter', 500).kind).toBe('pass');

    const short = new ScanBuffer(50, 4);
    short.key('1', 0);
    short.key('2', 5);
    expect(short.key('Enter', 10).kind).toBe('pass');

    const late = new ScanBuffer(50, 4);
    [...'12345'].forEach((key, i) => late.key(key, i * 5));
    expect(late.key('Enter', 400).kind).toBe('pass');
  });

  it('keeps a scan going through Shift (capitals) but not through other keys', () => {
    const buffer = new ScanBuffer(50, 4);
    buffer.key('N', 0);
    buffer.key('Shift', 3);
    buffer.key('Y', 6);
    buffer.key('0', 9);
    buffer.key('1', 12);
    expect(buffer.key('Enter', 15)).toEqual({ kind: 'scan', code: 'NY01' });
    buffer.key('1', 100);
    buffer.key('2', 103);
    buffer.key('Tab', 106);
    buffer.key('3', 109);
    expect(buffer.key('Enter', 112).kind).toBe('pass');
  });
});

describe('barcode scans anywhere on the screen', () => {
  it('a fast burst of keys ending in Enter looks the order up from the home screen', async () => {
    const bridge = clerkBridge();
    renderApp(bridge);
    await screen.findByTestId('home-clerk');

    type(document.body, AMAZON_ORDER_ID);

    expect(await screen.findByTestId('order-result')).toBeTruthy();
    expect(bridge.callsTo('orders.find')).toEqual([{ query: AMAZON_ORDER_ID }]);
    expect((screen.getByTestId('order-search') as HTMLInputElement).value).toBe(AMAZON_ORDER_ID);
    // The only line left to return is ticked and its reason has the focus.
    expect(document.activeElement).toBe(screen.getByLabelText('Reason'));
  });

  it('slow typing outside a field is not a scan', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const bridge = clerkBridge();
    renderApp(bridge);
    await screen.findByTestId('home-clerk');

    type(document.body, AMAZON_ORDER_ID, 120);

    expect(screen.queryByTestId('returns-screen')).toBeNull();
    expect(bridge.callsTo('orders.find')).toEqual([]);
  });

  it('fast typing in a text field stays in the field', async () => {
    const bridge = clerkBridge();
    renderApp(bridge);
    await screen.findByTestId('home-clerk');
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    fireEvent.click(within(nav).getByRole('button', { name: 'Returns' }));
    const search = await screen.findByLabelText('Find order');
    search.focus();

    type(search, 'NY01-B-261121-0001');

    expect(bridge.callsTo('orders.find')).toEqual([]);
  });

  it('a scanned RMA label opens that return', async () => {
    const bridge = clerkBridge();
    bridge.handlers['orders.find'] = () => ({
      matchedBy: 'rma_number',
      orders: [
        order({
          returns: [
            {
              id: RETURN_ID,
              rmaNumber: RMA,
              status: 'open',
              createdAt: '2026-11-21T15:00:00.000Z',
            },
          ],
        }),
      ],
    });
    bridge.handlers['returns.get'] = () => ({ error: { code: 'NOT_FOUND', message: 'gone' } });
    renderApp(bridge);
    await screen.findByTestId('home-clerk');

    type(document.body, RMA.toLowerCase());

    expect(await screen.findByTestId('return-screen')).toBeTruthy();
    expect(bridge.callsTo('returns.get')).toEqual([{ returnId: RETURN_ID }]);
  });

  it('shows a refused query translated (INVALID_ORDER_ID)', async () => {
    const bridge = clerkBridge();
    bridge.handlers['orders.find'] = () => ({
      error: { code: 'INVALID_ORDER_ID', message: 'An Amazon order id looks like …' },
    });
    renderApp(bridge);
    await screen.findByTestId('home-clerk');

    type(document.body, '113-12345');

    const error = await screen.findByTestId('search-error');
    expect(error.textContent).toContain('That is not an Amazon order number');
  });
});
