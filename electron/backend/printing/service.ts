import {
  AppError,
  type PrintJob,
  type PrintKind,
  type PrinterConfig,
  type PrinterTarget,
} from '../../../shared/contracts';
import type { Db } from '../../../db/client';
import { insertPrintJob, printJobMeta } from '../../../db/repositories/print-jobs';
import { printJobView } from './job-view';
import type { PlatformPrinting } from './platform';
import { printerConfig, printerTargets } from './targets';
import { PrintWorker, type PrintQueueOptions } from './worker';

export interface PrintingHost {
  readonly db: Db;
  now(): number;
  log(line: Record<string, unknown>): void;
  /** Tells every window of this device (the queue is the device's, not one user's). */
  emitJobChanged(job: PrintJob): void;
}

export interface NewPrintJob {
  id: string;
  kind: PrintKind;
  target: PrinterTarget;
  payload: { zpl: string } | { pdf: Uint8Array };
  returnId?: string;
  manifestId?: string;
  labelPrintId?: string;
  createdBy: string;
  createdAt: string;
}

/** This device's printers and its print queue, shared by every call. */
export class Printing {
  readonly worker: PrintWorker;

  constructor(
    private readonly host: PrintingHost,
    /** Null in browser mode. */
    readonly platform: PlatformPrinting | null,
    options: PrintQueueOptions = {},
  ) {
    this.worker = new PrintWorker(
      {
        db: host.db,
        now: () => host.now(),
        log: (line) => host.log(line),
        jobChanged: (jobId) => this.announce(jobId),
      },
      platform,
      options,
    );
  }

  get systemPrintingAvailable(): boolean {
    return this.platform !== null;
  }

  config(deviceId: string): PrinterConfig {
    return printerConfig(this.host.db, deviceId, this.systemPrintingAvailable);
  }

  targetFor(deviceId: string, kind: PrintKind): PrinterTarget | null {
    return printerTargets(this.host.db, deviceId)[kind];
  }

  /** Refuses an OS printer where there is none, before anything is written. */
  requireUsable(target: PrinterTarget | null): void {
    if (target?.kind === 'system' && !this.systemPrintingAvailable) {
      throw new AppError(
        'SYSTEM_PRINTING_UNAVAILABLE',
        'OS printers can be used only in the desktop app; choose a network (ZPL) printer or none.',
      );
    }
  }

  view(jobId: string): PrintJob {
    const meta = printJobMeta(this.host.db, jobId);
    if (!meta) throw new AppError('NOT_FOUND', 'No such print job.');
    return printJobView(meta, this.worker.nextAttemptAt(jobId));
  }

  /** Queues a job; call inside the transaction that records the print, then `queued`. */
  enqueue(job: NewPrintJob): void {
    insertPrintJob(this.host.db, {
      id: job.id,
      kind: job.kind,
      target: JSON.stringify(job.target),
      zpl: 'zpl' in job.payload ? job.payload.zpl : null,
      pdf: 'pdf' in job.payload ? Buffer.from(job.payload.pdf) : null,
      returnId: job.returnId ?? null,
      manifestId: job.manifestId ?? null,
      labelPrintId: job.labelPrintId ?? null,
      status: 'queued',
      attempts: 0,
      createdBy: job.createdBy,
      createdAt: job.createdAt,
      updatedAt: job.createdAt,
    });
  }

  /** After the transaction that queued or requeued a job committed: tell the UI, send it. */
  queued(jobId: string): PrintJob {
    const view = this.announce(jobId);
    this.worker.wake();
    return view;
  }

  announce(jobId: string): PrintJob {
    const view = this.view(jobId);
    this.host.emitJobChanged(view);
    return view;
  }

  start(): void {
    this.worker.start();
  }

  stop(): void {
    this.worker.stop();
  }
}
