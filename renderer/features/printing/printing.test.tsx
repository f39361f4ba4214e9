// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type {
  PrintJob,
  PrinterConfig,
  PrinterTarget,
  ReturnDetail,
} from '../../../shared/contracts';
import type { Role } from '../../../shared/domain/permissions';
import { createFakeBridge, DEVICE, homeHandlers, userWithRole } from '../../test/fakeBridge';
import { renderApp } from '../../test/renderApp';
import {
  AMAZON_ORDER_ID,
  PRINT_JOB_ID,
  printJob,
  returnDetail,
  RETURN_ID,
  RMA,
} from '../../test/returnsFixtures';

afterEach(cleanup);

const OTHER_JOB_ID = '0190a000-0000-7000-8000-00000000b002';
const OTHER_RETURN_ID = '0190a000-0000-7000-8000-00000000c002';

/** A till user of `role` with one return on file and no printer set up yet. */
function setup(role: Role, config: Partial<PrinterConfig> = {}) {
  let printerConfig: PrinterConfig = {
    deviceId: DEVICE.id,
    systemPrintingAvailable: false,
    targets: { rma_label: null, manifest: null },
    ...config,
  };
  let detail: ReturnDetail = returnDetail();
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
        refundStatus: null,
      },
    ],
    'returns.get': () => detail,
    'labels.preview': () => ({ pdfBase64: 'JVBERi0=' }),
    'printers.getConfig': () => printerConfig,
    'printers.setConfig': ({ kind, target }) => {
      printerConfig = {
        ...printerConfig,
        targets: { ...printerConfig.targets, [kind]: target as PrinterTarget | null },
      };
      return printerConfig;
    },
    'printers.retry': ({ jobId }) =>
      printJob({
        id: jobId,
        status: 'queued',
        attempts: 1,
        lastError: { code: 'PRINTER_TIMEOUT', message: 'no answer while writing' },
        updatedAt: '2026-11-21T15:12:00.000Z',
      }),
    'printers.cancel': ({ jobId }) =>
      printJob({ id: jobId, status: 'cancelled', updatedAt: '2026-11-21T15:12:00.000Z' }),
  });
  return { bridge, setDetail: (d: ReturnDetail) => (detail = d) };
}

async function openPrinters() {
  const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
  fireEvent.click(within(nav).getByRole('button', { name: 'Printers' }));
  return screen.findByTestId('printers-screen');
}

async function openReturn() {
  const recent = await screen.findByTestId('recent-returns');
  fireEvent.click(await within(recent).findByRole('button', { name: `Open return ${RMA}` }));
  return screen.findByTestId('label-panel');
}

const failed = (overrides: Partial<PrintJob> = {}) =>
  printJob({
    status: 'failed',
    attempts: 1,
    lastError: { code: 'PRINTER_TIMEOUT', message: 'no answer while writing' },
    updatedAt: '2026-11-21T15:11:00.000Z',
    ...overrides,
  });

describe('printer settings', () => {
  it('is in the navigation for settings.manage only', async () => {
    renderApp(setup('clerk').bridge);
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).queryByRole('button', { name: 'Printers' })).toBeNull();
  });

  it('sends a network Zebra printer with the typed host and port and the defaults', async () => {
    const { bridge } = setup('store_manager');
    renderApp(bridge);
    const page = await openPrinters();
    const form = await within(page).findByRole('form', { name: 'Printer for RMA labels' });
    expect(within(form).getByTestId('printer-current').textContent).toBe(
      'Now: no printer. Labels are previewed and downloaded.',
    );
    // Browser mode: no OS printers to offer.
    expect(within(form).queryByRole('radio', { name: 'This computer’s printer' })).toBeNull();
    expect(bridge.callsTo('printers.list')).toEqual([]);

    fireEvent.click(within(form).getByRole('radio', { name: 'Network Zebra printer' }));
    fireEvent.change(within(form).getByLabelText('Printer host'), {
      target: { value: ' zebra-returns.store.local ' },
    });
    const port = within(form).getByLabelText('Port') as HTMLInputElement;
    expect(port.value).toBe('9100');
    fireEvent.change(port, { target: { value: '6101' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save printer' }));

    expect((await within(form).findByRole('status')).textContent).toMatch(/^Saved at /);
    expect(bridge.callsTo('printers.setConfig')).toEqual([
      {
        kind: 'rma_label',
        target: {
          kind: 'zpl',
          host: 'zebra-returns.store.local',
          port: 6101,
          dpmm: 8,
          size: '4x6',
        },
      },
    ]);
    expect(within(form).getByTestId('printer-current').textContent).toBe(
      'Now: Zebra zebra-returns.store.local:6101, 4 × 6 in',
    );
    // The manifest printer was left alone.
    const manifest = within(page).getByRole('form', { name: 'Printer for manifests' });
    expect(
      within(manifest).getByRole('radio', { name: 'None (preview and download)' }),
    ).toHaveProperty('checked', true);
  });

  it('checks the port before sending, and shows the backend’s INVALID_INPUT on its field', async () => {
    const { bridge } = setup('store_manager');
    bridge.handlers['printers.setConfig'] = () => ({
      error: {
        code: 'INVALID_INPUT',
        message: 'The request is not valid.',
        details: { issues: [{ path: 'target.host', code: 'invalid_format', message: 'host' }] },
      },
    });
    renderApp(bridge);
    const page = await openPrinters();
    const form = await within(page).findByRole('form', { name: 'Printer for RMA labels' });
    fireEvent.click(within(form).getByRole('radio', { name: 'Network Zebra printer' }));
    fireEvent.change(within(form).getByLabelText('Printer host'), {
      target: { value: '10.0.0.50' },
    });
    fireEvent.change(within(form).getByLabelText('Port'), { target: { value: '70000' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save printer' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'Some of the values entered are not valid. Enter a port from 1 to 65535.',
    );
    expect(bridge.callsTo('printers.setConfig')).toEqual([]);

    fireEvent.change(within(form).getByLabelText('Port'), { target: { value: '9100' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save printer' }));
    await waitFor(() => expect(bridge.callsTo('printers.setConfig')).toHaveLength(1));
    const host = within(form).getByLabelText('Printer host');
    await waitFor(() => expect(host.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByRole('alert').textContent).toContain(
      'Enter a host name or IP address, without http:// or a port.',
    );
  });

  it('offers this computer’s printers in the desktop app', async () => {
    const { bridge } = setup('store_manager', { systemPrintingAvailable: true });
    bridge.handlers['printers.list'] = () => ({
      available: true,
      printers: [
        { name: 'HP_LaserJet', displayName: 'HP LaserJet (office)', isDefault: true },
        { name: 'Zebra_ZD421', displayName: 'Zebra ZD421', isDefault: false },
      ],
    });
    renderApp(bridge);
    const page = await openPrinters();
    const form = await within(page).findByRole('form', { name: 'Printer for manifests' });
    fireEvent.click(within(form).getByRole('radio', { name: 'This computer’s printer' }));
    const printer = await within(form).findByLabelText('Printer');
    expect(
      within(printer).getByRole('option', { name: 'HP LaserJet (office) (default)' }),
    ).toBeTruthy();
    fireEvent.change(printer, { target: { value: 'Zebra_ZD421' } });
    fireEvent.change(within(form).getByLabelText('Labels loaded'), { target: { value: '62mm' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save printer' }));
    await within(form).findByRole('status');
    expect(bridge.callsTo('printers.setConfig')).toEqual([
      { kind: 'manifest', target: { kind: 'system', printerName: 'Zebra_ZD421', size: '62mm' } },
    ]);
  });
});

describe('label panel with a label printer', () => {
  it('shows where the label went and follows print.jobChanged to printed', async () => {
    const { bridge } = setup('clerk');
    bridge.handlers['labels.print'] = () => ({
      pdfBase64: 'JVBERi0=',
      reprint: false,
      printCount: 1,
      printJob: printJob(),
    });
    renderApp(bridge);
    const panel = await openReturn();
    fireEvent.click(within(panel).getByRole('button', { name: 'Print label' }));

    const status = await within(panel).findByTestId('print-job-status');
    expect(status.getAttribute('data-status')).toBe('queued');
    expect(status.textContent).toContain('Sent to Zebra 10.0.0.50:9100');
    expect(within(status).getByRole('status').textContent).toBe('Waiting to print');

    act(() =>
      bridge.emit(
        'print.jobChanged',
        printJob({ status: 'sending', updatedAt: '2026-11-21T15:10:01.000Z' }),
      ),
    );
    expect(status.getAttribute('data-status')).toBe('sending');
    // Another return's label does not show here.
    act(() =>
      bridge.emit(
        'print.jobChanged',
        printJob({
          id: OTHER_JOB_ID,
          returnId: OTHER_RETURN_ID,
          status: 'failed',
          createdAt: '2026-11-21T15:10:30.000Z',
          updatedAt: '2026-11-21T15:10:30.000Z',
        }),
      ),
    );
    expect(status.getAttribute('data-status')).toBe('sending');

    act(() =>
      bridge.emit(
        'print.jobChanged',
        printJob({
          status: 'printed',
          attempts: 1,
          updatedAt: '2026-11-21T15:10:02.000Z',
          printedAt: '2026-11-21T15:10:02.000Z',
        }),
      ),
    );
    expect(status.getAttribute('data-status')).toBe('printed');
    expect(within(status).getByRole('status').textContent).toBe('Printed');
    expect(within(status).queryByRole('button', { name: 'Retry' })).toBeNull();
    // A late event with an older state does not undo it.
    act(() =>
      bridge.emit(
        'print.jobChanged',
        printJob({ status: 'sending', updatedAt: '2026-11-21T15:10:01.000Z' }),
      ),
    );
    expect(status.getAttribute('data-status')).toBe('printed');
  });

  it('keeps an event that overtook the print’s answer', async () => {
    const { bridge } = setup('clerk');
    bridge.handlers['labels.print'] = () => {
      // The worker printed before the answer reached the window.
      bridge.emit(
        'print.jobChanged',
        printJob({ status: 'printed', attempts: 1, updatedAt: '2026-11-21T15:10:02.000Z' }),
      );
      return { pdfBase64: 'JVBERi0=', reprint: false, printCount: 1, printJob: printJob() };
    };
    renderApp(bridge);
    const panel = await openReturn();
    fireEvent.click(within(panel).getByRole('button', { name: 'Print label' }));
    await waitFor(() => expect(bridge.callsTo('labels.print')).toHaveLength(1));
    const status = await within(panel).findByTestId('print-job-status');
    await waitFor(() =>
      expect(within(panel).getByRole('button', { name: 'Print label' })).toHaveProperty(
        'disabled',
        false,
      ),
    );
    expect(status.getAttribute('data-status')).toBe('printed');
  });

  it('shows a failed job’s error translated, and retries it', async () => {
    const { bridge } = setup('clerk');
    bridge.handlers['labels.print'] = () => ({
      pdfBase64: 'JVBERi0=',
      reprint: false,
      printCount: 1,
      printJob: printJob(),
    });
    renderApp(bridge);
    const panel = await openReturn();
    fireEvent.click(within(panel).getByRole('button', { name: 'Print label' }));
    const status = await within(panel).findByTestId('print-job-status');

    act(() => bridge.emit('print.jobChanged', failed()));
    expect(status.getAttribute('data-status')).toBe('failed');
    const error = within(status).getByTestId('print-job-error');
    expect(error.getAttribute('data-code')).toBe('PRINTER_TIMEOUT');
    expect(error.textContent).toContain(
      'The printer stopped answering while the label was sent. Check whether it printed before you retry.',
    );
    expect(error.textContent).toContain('Details: no answer while writing');
    expect(status.textContent).toContain('Waits for you: check the printer, then retry or cancel.');

    fireEvent.click(within(status).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(status.getAttribute('data-status')).toBe('queued'));
    expect(bridge.callsTo('printers.retry')).toEqual([{ jobId: PRINT_JOB_ID }]);
    expect(within(status).queryByTestId('print-job-error')).toBeNull();
  });

  it('shows a label that failed earlier when the return opens, and cancels it', async () => {
    const { bridge } = setup('clerk');
    bridge.handlers['printers.queue'] = () => ({ jobs: [failed()] });
    renderApp(bridge);
    const panel = await openReturn();
    const status = await within(panel).findByTestId('print-job-status');
    expect(status.getAttribute('data-status')).toBe('failed');
    fireEvent.click(within(status).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(status.getAttribute('data-status')).toBe('cancelled'));
    expect(bridge.callsTo('printers.cancel')).toEqual([{ jobId: PRINT_JOB_ID }]);
  });

  it.each([
    ['without a label printer the print dialog opens, as before', null, 1],
    ['with a label printer no print dialog opens', printJob(), 0],
  ] as const)('%s', async (_name, queued, dialogs) => {
    // A blob: URL for the preview frame (jsdom has none), so the frame and its print() exist.
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:label');
    const revoked = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    try {
      const { bridge } = setup('clerk');
      // Another return's failed label is not this panel's business.
      bridge.handlers['printers.queue'] = () => ({
        jobs: [failed({ id: OTHER_JOB_ID, returnId: OTHER_RETURN_ID })],
      });
      bridge.handlers['labels.print'] = () => ({
        pdfBase64: 'JVBERi0xLjc=',
        reprint: false,
        printCount: 1,
        printJob: queued,
      });
      renderApp(bridge);
      const panel = await openReturn();
      const frame = await waitFor(() => {
        const shown = within(panel).getByTestId('label-preview');
        expect(shown.tagName).toBe('IFRAME');
        return shown as HTMLIFrameElement;
      });
      const print = vi.spyOn(frame.contentWindow!, 'print').mockImplementation(() => {});
      fireEvent.click(within(panel).getByRole('button', { name: 'Print label' }));
      await waitFor(() => expect(created).toHaveBeenCalledTimes(2));
      fireEvent.load(within(panel).getByTestId('label-preview'));
      expect(print).toHaveBeenCalledTimes(dialogs);
      expect(within(panel).queryAllByTestId('print-job-status')).toHaveLength(queued ? 1 : 0);
    } finally {
      created.mockRestore();
      revoked.mockRestore();
    }
  });

  it('names printer actions in the timeline', async () => {
    const { bridge, setDetail } = setup('clerk');
    setDetail(
      returnDetail({
        timeline: [
          {
            seq: 42,
            at: '2026-11-21T15:12:00.000Z',
            action: 'printers.retry',
            username: 'alice',
            deviceId: DEVICE.id,
            entityType: 'print_job',
            entityId: PRINT_JOB_ID,
          },
        ],
      }),
    );
    renderApp(bridge);
    await openReturn();
    const timeline = screen.getByTestId('return-timeline');
    expect(timeline.querySelector('[data-action="printers.retry"]')?.textContent).toContain(
      'Print retried',
    );
  });
});

describe('print queue', () => {
  it('lists this till’s jobs with times in the store’s zone, live from print.jobChanged', async () => {
    const { bridge } = setup('store_manager');
    bridge.handlers['printers.queue'] = () => ({
      jobs: [
        failed({
          lastError: { code: 'PRINTER_UNREACHABLE', message: 'ECONNREFUSED 10.0.0.50:9100' },
          attempts: 2,
          nextAttemptAt: '2026-11-21T15:20:00.000Z',
        }),
      ],
    });
    renderApp(bridge);
    const page = await openPrinters();
    const queue = within(page).getByTestId('print-queue');
    const row = await within(queue).findByTestId('print-job');
    // The whole queue (the home screen before asked for failed jobs only).
    expect(bridge.callsTo('printers.queue').at(-1)).toEqual({ limit: 50 });
    expect(row.getAttribute('data-status')).toBe('failed');
    expect(row.textContent).toContain(RMA);
    expect(row.textContent).toContain('Zebra 10.0.0.50:9100');
    expect(row.textContent).toContain('Not printed');
    expect(row.textContent).toContain('The printer cannot be reached.');
    // 15:20 UTC is 10:20 AM in New York.
    expect(row.textContent).toMatch(/Nov 21, 2026.*10:20\s?AM/);

    act(() =>
      bridge.emit(
        'print.jobChanged',
        printJob({
          id: OTHER_JOB_ID,
          returnId: OTHER_RETURN_ID,
          rmaNumber: 'NY01-B-261121-0002',
          createdAt: '2026-11-21T15:15:00.000Z',
          updatedAt: '2026-11-21T15:15:00.000Z',
        }),
      ),
    );
    const rows = within(queue).getAllByTestId('print-job');
    expect(rows.map((r) => r.getAttribute('data-job-id'))).toEqual([OTHER_JOB_ID, PRINT_JOB_ID]);

    fireEvent.click(within(rows[1]!).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(rows[1]!.getAttribute('data-status')).toBe('queued'));
    expect(bridge.callsTo('printers.retry')).toEqual([{ jobId: PRINT_JOB_ID }]);
  });

  it('warns on the clerk’s home about labels that did not print, until they are dealt with', async () => {
    const { bridge } = setup('clerk');
    bridge.handlers['printers.queue'] = () => ({ jobs: [failed()] });
    renderApp(bridge);
    const card = await screen.findByTestId('print-failures');
    expect(bridge.callsTo('printers.queue')).toEqual([{ status: ['failed'], limit: 50 }]);
    expect(card.textContent).toContain('1 label did not print.');
    expect(card.textContent).toContain('The printer stopped answering');

    fireEvent.click(within(card).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByTestId('print-failures')).toBeNull());
    expect(bridge.callsTo('printers.cancel')).toEqual([{ jobId: PRINT_JOB_ID }]);

    // A label failing later shows up without a reload.
    act(() =>
      bridge.emit(
        'print.jobChanged',
        failed({
          id: OTHER_JOB_ID,
          createdAt: '2026-11-21T15:30:00.000Z',
          updatedAt: '2026-11-21T15:30:00.000Z',
        }),
      ),
    );
    expect(within(screen.getByTestId('print-failures')).getAllByTestId('print-job')).toHaveLength(
      1,
    );
  });

  it('shows no card while nothing failed', async () => {
    const { bridge } = setup('clerk');
    renderApp(bridge);
    await screen.findByTestId('recent-returns');
    await waitFor(() => expect(bridge.callsTo('printers.queue')).toHaveLength(1));
    expect(screen.queryByTestId('print-failures')).toBeNull();
  });
});
