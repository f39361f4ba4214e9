import { join } from 'node:path';
import { AppError } from '../../../shared/contracts';
import { insertLabelPrint, labelPrintsOfReturn } from '../../../db/repositories/returns';
import type { HandlerContext, HandlerMap } from '../context';
import type { LabelSize, RmaLabelItem } from '../labels';
import { renderRmaLabelsZpl } from '../printing/rma-label-zpl';
import { returnDetail } from '../returns/return-view';

const LABEL_FONT = 'DroidSansFallbackFull.ttf';

/** "LIKE_NEW" → "Like new": labels are read on the shop floor, codes are not. */
const humanize = (code: string | null) =>
  code ? code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ') : null;

function formatLocal(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/**
 * The PDF renderer (pdf-lib, bwip-js and an embedded CJK font) loads on the first label, not
 * at start-up: the till must be up fast, and many sessions never print.
 */
async function renderRmaLabelsPdf(
  ctx: HandlerContext,
  items: RmaLabelItem[],
  size: LabelSize,
): Promise<Uint8Array> {
  const labels = await import('../labels');
  const { pdf } = await labels.renderRmaLabelsPdf(items, {
    size,
    cjkFontFile: join(ctx.resourcesDir, 'fonts', LABEL_FONT),
  });
  return pdf;
}

/** One label per returned line, from the return as it stands. */
function labelItems(
  ctx: HandlerContext,
  returnId: string,
  reprintCount: number | null,
): RmaLabelItem[] {
  const detail = returnDetail(ctx, returnId);
  return detail.lines.map((line, i) => ({
    rmaNumber: detail.rmaNumber,
    lineNumber: i + 1,
    lineCount: detail.lines.length,
    amazonOrderId: detail.order.amazonOrderId,
    sku: line.sku,
    asin: line.asin,
    title: line.title,
    quantity: line.quantity,
    grade: humanize(line.qc?.grade ?? null),
    disposition: humanize(line.disposition),
    environmentalTags: line.environmentalTags as RmaLabelItem['environmentalTags'],
    storeCode: detail.storeCode,
    storeName: ctx.device.storeCode === detail.storeCode ? ctx.device.storeName : detail.storeCode,
    dateText: formatLocal(detail.createdAt, ctx.device.timeZone),
    ...(reprintCount ? { reprint: { count: reprintCount } } : {}),
  }));
}

export const labelHandlers = {
  'labels.preview': async (ctx, input) => {
    const pdf = await renderRmaLabelsPdf(ctx, labelItems(ctx, input.returnId, null), input.size);
    return { pdfBase64: Buffer.from(pdf).toString('base64') };
  },

  /**
   * Printing is audited; a reprint needs a reason and says REPRINT on the label. Where this
   * workstation has a label printer, the label is queued for it in the same transaction as
   * the print's record (the print worker sends it after the commit); its media decides the
   * size. A job that cannot print here (an OS printer in browser mode) fails in the queue with
   * its reason, and the PDF comes back to download either way. Everything is rendered first,
   * so a rendering failure records nothing.
   */
  'labels.print': async (ctx, input) => {
    const earlier = labelPrintsOfReturn(ctx.db, input.returnId);
    const reprint = earlier.length > 0;
    if (reprint && !input.reason)
      throw new AppError('REPRINT_REASON_REQUIRED', 'Say why the label is printed again.');
    const target = ctx.printing.targetFor(ctx.device.id, 'rma_label');
    const size = target?.size ?? input.size;
    const items = labelItems(ctx, input.returnId, reprint ? earlier.length : null);
    const pdf = await renderRmaLabelsPdf(ctx, items, size);
    const zpl = target?.kind === 'zpl' ? await renderRmaLabelsZpl(items, target) : null;
    const printJobId = target ? ctx.newId() : null;
    const detail = returnDetail(ctx, input.returnId);
    ctx.db.$client.transaction(() => {
      // Re-checked inside the transaction: two tills may print at once.
      if (labelPrintsOfReturn(ctx.db, input.returnId).length !== earlier.length) {
        throw new AppError(
          'CONFLICT',
          'The label was printed at the same moment elsewhere; try again.',
        );
      }
      const row = {
        id: input.id,
        returnId: input.returnId,
        size,
        reprint,
        reason: input.reason ?? null,
        printedBy: ctx.requireUser().row.id,
        printedAt: ctx.nowIso(),
      };
      insertLabelPrint(ctx.db, row);
      if (target && printJobId) {
        ctx.printing.enqueue({
          id: printJobId,
          kind: 'rma_label',
          target,
          payload: zpl !== null ? { zpl } : { pdf },
          returnId: input.returnId,
          labelPrintId: row.id,
          createdBy: row.printedBy,
          createdAt: row.printedAt,
        });
      }
      ctx.recordChange({
        action: reprint ? 'labels.reprint' : 'labels.print',
        entityType: 'label_print',
        entityId: row.id,
        storeId: detail.storeId,
        before: null,
        after: { ...row, printJobId, printer: target },
        mutation: { name: ctx.callName, args: { ...input, size } },
      });
    })();
    return {
      pdfBase64: Buffer.from(pdf).toString('base64'),
      reprint,
      printCount: earlier.length + 1,
      printJob: printJobId ? ctx.printing.queued(printJobId) : null,
    };
  },
} satisfies Partial<HandlerMap>;
