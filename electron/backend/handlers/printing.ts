import { AppError, type PrintJob, type PrintJobStatus } from '../../../shared/contracts';
import { listPrintJobs, movePrintJob, printJobMeta } from '../../../db/repositories/print-jobs';
import { writePrinterTarget } from '../../../db/repositories/printer-targets';
import type { HandlerContext, HandlerMap } from '../context';
import { printJobView } from '../printing/job-view';

/** A job a person acts on: it must exist, and be in one of the statuses the action allows. */
function jobIn(
  ctx: HandlerContext,
  jobId: string,
  allowed: readonly PrintJobStatus[],
  action: string,
) {
  const job = printJobMeta(ctx.db, jobId);
  if (!job) throw new AppError('NOT_FOUND', 'No such print job.');
  if (!(allowed as readonly string[]).includes(job.status)) {
    throw new AppError('INVALID_TRANSITION', `A ${job.status} print job cannot be ${action}.`, {
      status: job.status,
    });
  }
  return job;
}

/** Retry and cancel: audited (who dropped or resent a label) but not synced, as jobs are local. */
function auditJob(ctx: HandlerContext, action: string, before: PrintJob, after: PrintJob): void {
  ctx.audit({
    action,
    entityType: 'print_job',
    entityId: before.id,
    storeId: ctx.device.storeId,
    before: { status: before.status, attempts: before.attempts, lastError: before.lastError },
    after: { status: after.status },
  });
}

export const printingHandlers = {
  'printers.getConfig': (ctx) => ctx.printing.config(ctx.device.id),

  /** Per workstation: the printer belongs to the desk, whoever signs in at it. */
  'printers.setConfig': (ctx, input) => {
    ctx.requireScope({ storeId: ctx.device.storeId });
    ctx.printing.requireUsable(input.target);
    const before = ctx.printing.config(ctx.device.id);
    writePrinterTarget(ctx.db, {
      deviceId: ctx.device.id,
      kind: input.kind,
      target: input.target,
      updatedAt: ctx.nowIso(),
      updatedBy: ctx.requireUser().row.id,
    });
    const after = ctx.printing.config(ctx.device.id);
    ctx.recordChange({
      entityType: 'printer_target',
      entityId: `${ctx.device.id}:${input.kind}`,
      storeId: ctx.device.storeId,
      before: before.targets[input.kind],
      after: after.targets[input.kind],
      mutation: { name: ctx.callName, args: { deviceId: ctx.device.id, ...input } },
    });
    return after;
  },

  'printers.list': async (ctx) => {
    const platform = ctx.printing.platform;
    if (!platform) return { available: false, printers: [] };
    try {
      return { available: true, printers: await platform.listPrinters() };
    } catch (error) {
      throw new AppError(
        'PRINT_FAILED',
        `The printers of this computer could not be listed: ${String((error as Error)?.message ?? error)}`,
      );
    }
  },

  'printers.queue': (ctx, input) => ({
    jobs: listPrintJobs(ctx.db, { statuses: input.status, limit: input.limit }).map((job) =>
      printJobView(job, ctx.printing.worker.nextAttemptAt(job.id)),
    ),
  }),

  /**
   * Sends a failed job again now (a queued one is only nudged). Never a printed or cancelled
   * one: that is what keeps a retry from printing a label twice.
   */
  'printers.retry': (ctx, input) => {
    const job = jobIn(ctx, input.jobId, ['queued', 'failed'], 'retried');
    if (job.status === 'failed') {
      const before = ctx.printing.view(job.id);
      ctx.db.$client.transaction(() => {
        if (
          !movePrintJob(ctx.db, job.id, ['failed'], { status: 'queued', updatedAt: ctx.nowIso() })
        )
          throw new AppError('CONFLICT', 'The print job changed meanwhile; look again.');
        auditJob(ctx, 'printers.retry', before, ctx.printing.view(job.id));
      })();
    }
    ctx.printing.worker.forgetRetry(job.id);
    return ctx.printing.queued(job.id);
  },

  /** Only a job not being sent: one on its way to the printer cannot be called back. */
  'printers.cancel': (ctx, input) => {
    const job = jobIn(ctx, input.jobId, ['queued', 'failed'], 'cancelled');
    const before = ctx.printing.view(job.id);
    ctx.db.$client.transaction(() => {
      const moved = movePrintJob(ctx.db, job.id, ['queued', 'failed'], {
        status: 'cancelled',
        updatedAt: ctx.nowIso(),
      });
      if (!moved) throw new AppError('CONFLICT', 'The print job changed meanwhile; look again.');
      auditJob(ctx, 'printers.cancel', before, ctx.printing.view(job.id));
    })();
    ctx.printing.worker.forgetRetry(job.id);
    return ctx.printing.announce(job.id);
  },
} satisfies Partial<HandlerMap>;
