import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIGRATIONS_DIR } from '../../../db/testing/temp-dir';
import type { PrintJob } from '../../../shared/contracts';
import { createBackend, DATABASE_FILE } from '../backend';
import type { PlatformPrinting } from '../printing';
import { startFakeZplPrinter, unusedPort, type FakeZplPrinter } from '../printing/fake-zpl-printer';
import { testBackend, type TestBackend } from '../testing';

/** Short waits so that failures, retries and backoff happen within a test. */
const FAST_QUEUE = { retryDelaysMs: [50], maxAttempts: 1000, networkTimeoutMs: 2_000 };
const CLERK = 'till-clerk';
const MANAGER = 'till-manager';

describe('label printers and the print queue', () => {
  let t: TestBackend;
  const printers: FakeZplPrinter[] = [];
  const events: PrintJob[] = [];

  const start = async (options: Parameters<typeof testBackend>[0] = {}) => {
    t = await testBackend({ storeCode: 'NY01', printQueue: FAST_QUEUE, ...options });
    t.backend.onEvent((_channel, event, payload) => {
      if (event === 'print.jobChanged') events.push(payload as PrintJob);
    });
    await t.signIn(CLERK, 'clerk.ny01', t.secrets.clerk);
    await t.signIn(MANAGER, 'manager.ny01', t.secrets.store_manager);
  };
  const printer = async (port?: number) => {
    const started = await startFakeZplPrinter(port);
    printers.push(started);
    return started;
  };

  afterEach(async () => {
    t?.close();
    await Promise.all(printers.splice(0).map((p) => p.close()));
    events.length = 0;
  });

  const useZebra = (host: string, port: number) =>
    t.ok(MANAGER, 'printers.setConfig', {
      kind: 'rma_label',
      target: { kind: 'zpl', host, port, dpmm: 8 },
    });

  /** A return taken at the counter, ready for its label. */
  const takeReturn = async () => {
    const [order] = t.query<{ id: string }>(
      `SELECT o.id FROM orders o WHERE o.marketplace = 'US' AND o.status = 'Delivered'
          AND o.delivered_at >= '2026-11-05'
          AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id
                       AND l.category NOT IN ('software','books_media'))
        ORDER BY o.purchased_at DESC LIMIT 1`,
    );
    const detail = await t.ok(CLERK, 'orders.get', { orderId: order!.id });
    const line = detail.lines.find((l) => !['software', 'books_media'].includes(l.category))!;
    const created = await t.ok(CLERK, 'returns.create', {
      id: randomUUID(),
      orderId: order!.id,
      lines: [
        {
          id: randomUUID(),
          orderLineId: line.id,
          quantity: 1,
          reasonCode: 'DEFECTIVE',
          opened: false,
          damaged: false,
          missingParts: false,
        },
      ],
    });
    return created.returnId;
  };

  const printLabel = async (returnId: string) =>
    t.ok(CLERK, 'labels.print', { id: randomUUID(), returnId });

  const job = async (jobId: string) =>
    (await t.ok(CLERK, 'printers.queue', {})).jobs.find((j) => j.id === jobId)!;

  const waitForJob = (jobId: string, check: (job: PrintJob) => void) =>
    vi.waitFor(async () => check(await job(jobId)), { timeout: 5_000, interval: 20 });

  const storedZpl = (jobId: string) =>
    t.query<{ zpl: string }>('SELECT zpl FROM print_jobs WHERE id = ?', jobId)[0]!.zpl;

  const labelRecorded = (labelPrintId: string) => {
    expect(t.query('SELECT id FROM label_prints WHERE id = ?', labelPrintId)).toHaveLength(1);
    const audit = t.query<{ action: string; after: string }>(
      "SELECT action, after FROM audit_events WHERE entity_type = 'label_print' AND entity_id = ?",
      labelPrintId,
    );
    expect(audit.map((a) => a.action)).toEqual(['labels.print']);
    expect(
      t.query("SELECT id FROM outbox WHERE name = 'labels.print' AND audit_event_id IS NOT NULL"),
    ).not.toHaveLength(0);
    return JSON.parse(audit[0]!.after) as { printJobId: string | null };
  };

  it('sends a label to a Zebra on the network: the printer gets exactly the job’s ZPL, once', async () => {
    await start();
    const zebra = await printer();
    await useZebra('127.0.0.1', zebra.port);
    const returnId = await takeReturn();

    const printed = await printLabel(returnId);
    expect(printed.printJob).toMatchObject({ status: 'queued', kind: 'rma_label', returnId });
    expect(Buffer.from(printed.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const jobId = printed.printJob!.id;

    await waitForJob(jobId, (j) => expect(j).toMatchObject({ status: 'printed', attempts: 1 }));
    const zpl = storedZpl(jobId);
    expect(zpl).toMatch(/^\^XA/);
    expect(zpl).toContain(printed.printJob!.rmaNumber);
    await vi.waitFor(() => expect(zebra.jobs).toHaveLength(1));
    expect(zebra.jobs[0]!.equals(Buffer.from(zpl, 'utf8'))).toBe(true);

    // The label's print, its audit event and its outbox mutation, linked to the job.
    const after = labelRecorded(printed.printJob!.labelPrintId!);
    expect(after.printJobId).toBe(jobId);
    // The UI heard every step.
    expect(events.filter((e) => e.id === jobId).map((e) => e.status)).toEqual([
      'queued',
      'sending',
      'printed',
    ]);
    // Nothing more is sent later.
    await new Promise((r) => setTimeout(r, 200));
    expect(zebra.connections()).toBe(1);
  });

  it('keeps the job while the printer is down, sends it once it is back, and never again', async () => {
    await start();
    const port = await unusedPort();
    await useZebra('127.0.0.1', port);
    const printed = await printLabel(await takeReturn());
    const jobId = printed.printJob!.id;

    await waitForJob(jobId, (j) => {
      expect(j.attempts).toBeGreaterThanOrEqual(2);
      expect(j.lastError?.code).toBe('PRINTER_UNREACHABLE');
    });
    const failing = await job(jobId);
    expect(['failed', 'queued', 'sending']).toContain(failing.status);
    expect(failing.lastError!.message).toContain(`127.0.0.1:${port} refused the connection`);
    labelRecorded(printed.printJob!.labelPrintId!);

    const zebra = await printer(port);
    await waitForJob(jobId, (j) => expect(j).toMatchObject({ status: 'printed', lastError: null }));
    await vi.waitFor(() => expect(zebra.jobs).toHaveLength(1));
    expect(zebra.jobs[0]!.toString('utf8')).toBe(storedZpl(jobId));

    // A printed job is not sent again, however often someone asks.
    const retry = await t.call(CLERK, 'printers.retry', { jobId });
    expect(retry).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    const cancel = await t.call(CLERK, 'printers.cancel', { jobId });
    expect(cancel).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    await new Promise((r) => setTimeout(r, 200));
    expect(zebra.connections()).toBe(1);
  });

  it('waits for a person once its own retries are spent; `printers.retry` then sends it, audited', async () => {
    await start({ printQueue: { ...FAST_QUEUE, maxAttempts: 1 } });
    const port = await unusedPort();
    await useZebra('127.0.0.1', port);
    const jobId = (await printLabel(await takeReturn())).printJob!.id;
    await waitForJob(jobId, (j) =>
      expect(j).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null }),
    );

    const zebra = await printer(port);
    await new Promise((r) => setTimeout(r, 200));
    expect(zebra.connections()).toBe(0);

    const retried = await t.ok(CLERK, 'printers.retry', { jobId });
    expect(retried.status).toBe('queued');
    await waitForJob(jobId, (j) => expect(j).toMatchObject({ status: 'printed', attempts: 2 }));
    await vi.waitFor(() => expect(zebra.jobs).toHaveLength(1));
    expect(
      t.query(
        "SELECT action FROM audit_events WHERE entity_type = 'print_job' AND entity_id = ?",
        jobId,
      ),
    ).toEqual([{ action: 'printers.retry' }]);
  });

  it('reports a printer name that does not resolve as PRINTER_UNREACHABLE, losing nothing', async () => {
    await start();
    await useZebra('printer.invalid', 9100);
    const printed = await printLabel(await takeReturn());
    const jobId = printed.printJob!.id;

    await waitForJob(jobId, (j) => expect(j.lastError?.code).toBe('PRINTER_UNREACHABLE'));
    const failed = await job(jobId);
    expect(failed.lastError!.message).toContain('"printer.invalid" cannot be found');
    expect(failed.lastError!.message).toContain('does not resolve');
    // The print is recorded, its label still downloadable, the job still queued for later.
    labelRecorded(printed.printJob!.labelPrintId!);
    expect(printed.pdfBase64.length).toBeGreaterThan(100);
    expect(['failed', 'queued', 'sending']).toContain(failed.status);
    expect(storedZpl(jobId)).toContain('^XA');
  });

  it('cancels a job that has not printed, audited, so it is never sent', async () => {
    await start({ printQueue: { ...FAST_QUEUE, maxAttempts: 1 } });
    const port = await unusedPort();
    await useZebra('127.0.0.1', port);
    const jobId = (await printLabel(await takeReturn())).printJob!.id;
    await waitForJob(jobId, (j) => expect(j.status).toBe('failed'));

    const cancelled = await t.ok(CLERK, 'printers.cancel', { jobId });
    expect(cancelled.status).toBe('cancelled');
    const zebra = await printer(port);
    expect(await t.call(CLERK, 'printers.retry', { jobId })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_TRANSITION' },
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(zebra.connections()).toBe(0);
    expect(
      t.query(
        "SELECT action FROM audit_events WHERE entity_type = 'print_job' AND entity_id = ?",
        jobId,
      ),
    ).toEqual([{ action: 'printers.cancel' }]);
  });

  it('lets a store manager, not a clerk, choose the printer; the change is audited and queued', async () => {
    await start();
    const before = t.fingerprint();
    const refused = await t.call(CLERK, 'printers.setConfig', {
      kind: 'rma_label',
      target: { kind: 'zpl', host: '10.0.0.7' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(t.fingerprint()).toBe(before);

    const config = await t.ok(MANAGER, 'printers.setConfig', {
      kind: 'rma_label',
      target: { kind: 'zpl', host: '10.0.0.7' },
    });
    expect(config.targets).toEqual({
      rma_label: { kind: 'zpl', host: '10.0.0.7', port: 9100, dpmm: 8, size: '4x6' },
      manifest: null,
    });
    expect(config.systemPrintingAvailable).toBe(false);
    expect(await t.ok(CLERK, 'printers.getConfig', {})).toEqual(config);

    const [audit] = t.query<{ action: string; entity_type: string; before: string; after: string }>(
      "SELECT action, entity_type, before, after FROM audit_events WHERE action = 'printers.setConfig'",
    );
    expect(audit).toMatchObject({ entity_type: 'printer_target', before: null });
    expect(JSON.parse(audit!.after)).toMatchObject({ kind: 'zpl', host: '10.0.0.7' });
    const [mutation] = t.query<{ args: string }>(
      "SELECT args FROM outbox WHERE name = 'printers.setConfig'",
    );
    expect(JSON.parse(mutation!.args)).toMatchObject({
      deviceId: config.deviceId,
      kind: 'rma_label',
      target: { host: '10.0.0.7' },
    });

    // Back to "no printer": labels are only rendered, nothing is queued.
    await t.ok(MANAGER, 'printers.setConfig', { kind: 'rma_label', target: null });
    const printed = await printLabel(await takeReturn());
    expect(printed.printJob).toBeNull();
    expect(t.query('SELECT id FROM print_jobs')).toHaveLength(0);
  });

  it('has no OS printers in browser mode: the list is empty, an OS printer is refused, its jobs fail', async () => {
    await start();
    expect(await t.ok(MANAGER, 'printers.list', {})).toEqual({ available: false, printers: [] });
    const before = t.fingerprint();
    const refused = await t.call(MANAGER, 'printers.setConfig', {
      kind: 'rma_label',
      target: { kind: 'system', printerName: 'Zebra_ZD421', size: '4x6' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SYSTEM_PRINTING_UNAVAILABLE' } });
    expect(t.fingerprint()).toBe(before);

    // An OS printer chosen in the desktop app, then the same data opened in browser mode: the
    // label is still recorded and downloadable, and its job says why it did not print.
    const db = new Database(join(t.dataDir, DATABASE_FILE));
    db.prepare(
      "INSERT INTO printer_targets (device_id, kind, target, updated_at) SELECT id, 'rma_label', ?, '2026-11-21T15:00:00.000Z' FROM devices WHERE is_local = 1",
    ).run(JSON.stringify({ kind: 'system', printerName: 'Zebra_ZD421', size: '4x6' }));
    db.close();
    const printed = await printLabel(await takeReturn());
    expect(Buffer.from(printed.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    labelRecorded(printed.printJob!.labelPrintId!);
    await waitForJob(printed.printJob!.id, (j) =>
      expect(j).toMatchObject({
        status: 'failed',
        nextAttemptAt: null,
        lastError: { code: 'SYSTEM_PRINTING_UNAVAILABLE' },
      }),
    );
  });

  it('prints the label PDF on an OS printer through the platform, once', async () => {
    const sent: { pdf: Uint8Array; printerName: string }[] = [];
    const platform: PlatformPrinting = {
      listPrinters: async () => [{ name: 'Zebra_ZD421', displayName: 'Zebra', isDefault: true }],
      printPdf: async (pdf, printerName) => {
        sent.push({ pdf, printerName });
      },
    };
    await start({ printing: platform });
    expect(await t.ok(MANAGER, 'printers.list', {})).toEqual({
      available: true,
      printers: [{ name: 'Zebra_ZD421', displayName: 'Zebra', isDefault: true }],
    });
    await t.ok(MANAGER, 'printers.setConfig', {
      kind: 'rma_label',
      target: { kind: 'system', printerName: 'Zebra_ZD421', size: '62mm' },
    });
    const printed = await printLabel(await takeReturn());
    await waitForJob(printed.printJob!.id, (j) => expect(j.status).toBe('printed'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.printerName).toBe('Zebra_ZD421');
    expect(Buffer.from(sent[0]!.pdf).subarray(0, 5).toString()).toBe('%PDF-');
    // The printer's media decided the size of what was printed and recorded.
    expect(t.query('SELECT size FROM label_prints')).toEqual([{ size: '62mm' }]);
  });

  it('does not resend on its own what an OS printer refused', async () => {
    const platform: PlatformPrinting = {
      listPrinters: async () => [],
      printPdf: vi.fn(async () => {
        throw new Error('Invalid deviceName provided');
      }),
    };
    await start({ printing: platform });
    await t.ok(MANAGER, 'printers.setConfig', {
      kind: 'rma_label',
      target: { kind: 'system', printerName: 'Gone', size: '4x6' },
    });
    const jobId = (await printLabel(await takeReturn())).printJob!.id;
    await waitForJob(jobId, (j) =>
      expect(j).toMatchObject({
        status: 'failed',
        nextAttemptAt: null,
        lastError: { code: 'PRINT_FAILED' },
      }),
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(platform.printPdf).toHaveBeenCalledTimes(1);
    expect((await job(jobId)).lastError!.message).toContain('Invalid deviceName provided');
  });

  it('after a crash mid-send, marks the job PRINT_INTERRUPTED and leaves resending to a person', async () => {
    await start();
    const zebra = await printer();
    const port = await unusedPort();
    await useZebra('127.0.0.1', port);
    const jobId = (await printLabel(await takeReturn())).printJob!.id;
    await waitForJob(jobId, (j) => expect(j.lastError?.code).toBe('PRINTER_UNREACHABLE'));
    t.backend.close();

    // As if the process died after the printer took the bytes, before the job was marked.
    const file = join(t.dataDir, DATABASE_FILE);
    const db = new Database(file);
    db.prepare("UPDATE print_jobs SET status = 'sending', target = ? WHERE id = ?").run(
      JSON.stringify({ kind: 'zpl', host: '127.0.0.1', port: zebra.port, dpmm: 8, size: '4x6' }),
      jobId,
    );
    db.close();

    const restarted = await createBackend({
      dataDir: t.dataDir,
      migrationsDir: MIGRATIONS_DIR,
      now: () => t.clock.now,
      log: () => {},
      printQueue: FAST_QUEUE,
    });
    try {
      const [row] = new Database(file, { readonly: true })
        .prepare('SELECT status, last_error_code AS code FROM print_jobs WHERE id = ?')
        .all(jobId) as { status: string; code: string }[];
      expect(row).toEqual({ status: 'failed', code: 'PRINT_INTERRUPTED' });
      await new Promise((r) => setTimeout(r, 200));
      expect(zebra.connections()).toBe(0);
    } finally {
      restarted.close();
    }
  });

  it('stops with the backend: no retry is left to run after close()', async () => {
    await start();
    const port = await unusedPort();
    await useZebra('127.0.0.1', port);
    const jobId = (await printLabel(await takeReturn())).printJob!.id;
    await waitForJob(jobId, (j) => expect(j.lastError?.code).toBe('PRINTER_UNREACHABLE'));
    t.close();
    const zebra = await printer(port);
    await new Promise((r) => setTimeout(r, 300));
    expect(zebra.connections()).toBe(0);
  });
});
