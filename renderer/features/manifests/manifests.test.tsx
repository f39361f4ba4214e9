// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ManifestPendingLine } from '../../../shared/contracts';
import { createFakeBridge, DEVICE, homeHandlers, userWithRole } from '../../test/fakeBridge';
import { renderApp } from '../../test/renderApp';

afterEach(cleanup);

const line = (n: number, overrides: Partial<ManifestPendingLine> = {}): ManifestPendingLine => ({
  returnLineId: `0190a000-0000-7000-8000-00000000d00${n}`,
  returnId: `0190a000-0000-7000-8000-00000000c00${n}`,
  rmaNumber: `RMA-NY01-00000${n}`,
  sku: `SKU-${n}`,
  title: `Item ${n}`,
  quantity: n,
  disposition: 'SEND_TO_WAREHOUSE',
  ...overrides,
});

describe('tote manifest card', () => {
  it('sends the ticked lines and offers the PDF', async () => {
    let pending = [line(1), line(2), line(3, { disposition: 'RETURN_TO_VENDOR' })];
    const bridge = createFakeBridge({
      ...homeHandlers(),
      'session.current': () => ({
        user: userWithRole('clerk'),
        locked: false,
        device: DEVICE,
        idleLockSeconds: 300,
      }),
      'manifests.pending': () => ({ lines: pending }),
      'manifests.create': ({ returnLineIds }) => {
        pending = pending.filter((l) => !returnLineIds.includes(l.returnLineId));
        return {
          manifestId: '0190a000-0000-7000-8000-00000000e001',
          pdfBase64: 'JVBERi0=',
          lineCount: returnLineIds.length,
        };
      },
    });
    renderApp(bridge);
    const card = await screen.findByTestId('manifest-card');
    const rows = await within(card).findAllByTestId('manifest-line');
    expect(rows).toHaveLength(3);
    const boxes = rows.map((r) => within(r).getByRole<HTMLInputElement>('checkbox'));
    expect(boxes.every((b) => b.checked)).toBe(true);

    // Untick the second line, untick and re-tick the third.
    fireEvent.click(boxes[1]!);
    fireEvent.click(boxes[2]!);
    fireEvent.click(boxes[2]!);
    fireEvent.change(within(card).getByLabelText('Paper'), { target: { value: 'Letter' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Create manifest' }));

    await waitFor(() => expect(bridge.callsTo('manifests.create')).toHaveLength(1));
    const [input] = bridge.callsTo('manifests.create') as {
      id: string;
      returnLineIds: string[];
      paper: string;
    }[];
    expect(input!.returnLineIds).toEqual([line(1).returnLineId, line(3).returnLineId]);
    expect(input!.paper).toBe('Letter');
    expect(input!.id).toMatch(/^[0-9a-f-]{36}$/);

    // The list is read again: only the unticked line is left, and the PDF is offered.
    await waitFor(() => expect(within(card).getAllByTestId('manifest-line')).toHaveLength(1));
    const download = await within(card).findByTestId('manifest-download');
    expect(download.textContent).toBe('Download manifest');
  });
});
