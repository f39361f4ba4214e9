import {
  PrinterTargetSchema,
  type ErrorCode,
  type PrintJob,
  type PrintJobStatus,
  type PrintKind,
  type PrinterTarget,
} from '../../../shared/contracts';
import type { PrintJobMeta } from '../../../db/repositories/print-jobs';

export function parseTarget(json: string): PrinterTarget {
  return PrinterTargetSchema.parse(JSON.parse(json));
}

/** Groups jobs that share a printer: one job at a time goes to each, in queue order. */
export function printerKey(target: PrinterTarget): string {
  return target.kind === 'zpl'
    ? `zpl:${target.host.toLowerCase()}:${target.port}`
    : `system:${target.printerName}`;
}

/** A stored job as the queue screen and the `print.jobChanged` event show it. */
export function printJobView(meta: PrintJobMeta, nextAttemptAt: string | null): PrintJob {
  return {
    id: meta.id,
    kind: meta.kind as PrintKind,
    status: meta.status as PrintJobStatus,
    target: parseTarget(meta.target),
    returnId: meta.returnId,
    rmaNumber: meta.rmaNumber,
    manifestId: meta.manifestId,
    labelPrintId: meta.labelPrintId,
    attempts: meta.attempts,
    lastError: meta.lastErrorCode
      ? { code: meta.lastErrorCode as ErrorCode, message: meta.lastErrorMessage ?? '' }
      : null,
    nextAttemptAt,
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
    printedAt: meta.printedAt,
  };
}
