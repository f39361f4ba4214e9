import type { PrinterTarget } from '../../../shared/contracts';
import { PrintError } from './errors';
import type { PlatformPrinting } from './platform';
import { sendRawTcp } from './raw-tcp';

export interface Delivery {
  target: PrinterTarget;
  payload: { zpl: string | null; pdf: Uint8Array | null };
  platform: PlatformPrinting | null;
  networkTimeoutMs: number;
  systemTimeoutMs: number;
  signal: AbortSignal;
  /** Called once bytes may have reached the printer: a stop after this may leave a print. */
  onMaybeDelivered: () => void;
}

/** Sends one job's payload to its printer; rejects with a PrintError. */
export async function deliver(job: Delivery): Promise<void> {
  const { target, payload } = job;
  if (target.kind === 'zpl') {
    if (payload.zpl === null) throw new PrintError('PRINT_FAILED', 'The job has no ZPL.', false);
    await sendRawTcp({
      host: target.host,
      port: target.port,
      data: Buffer.from(payload.zpl, 'utf8'),
      timeoutMs: job.networkTimeoutMs,
      signal: job.signal,
      onConnected: job.onMaybeDelivered,
    });
    return;
  }
  if (!job.platform) {
    throw new PrintError(
      'SYSTEM_PRINTING_UNAVAILABLE',
      `This app cannot reach the OS printer "${target.printerName}": OS printers need the desktop app.`,
      false,
    );
  }
  if (payload.pdf === null) throw new PrintError('PRINT_FAILED', 'The job has no PDF.', false);
  job.onMaybeDelivered();
  await printPdfWithin(job.platform, payload.pdf, target.printerName, job.systemTimeoutMs);
}

async function printPdfWithin(
  platform: PlatformPrinting,
  pdf: Uint8Array,
  printerName: string,
  timeoutMs: number,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new PrintError(
            'PRINTER_TIMEOUT',
            `The OS printer "${printerName}" did not take the job within ${Math.round(timeoutMs / 1000)} s; it may still print.`,
            false,
            { printerName },
          ),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([platform.printPdf(pdf, printerName), timeout]);
  } catch (error) {
    if (error instanceof PrintError) throw error;
    throw new PrintError(
      'PRINT_FAILED',
      `The OS printer "${printerName}" did not print: ${String((error as Error)?.message ?? error)}`,
      false,
      { printerName },
    );
  } finally {
    clearTimeout(timer);
  }
}
