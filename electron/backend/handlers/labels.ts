import { join } from 'node:path';
import { AppError, LABEL_LOGO_MAX_BYTES } from '../../../shared/contracts';
import { storeById } from '../../../db/repositories/directory';
import { insertLabelPrint, labelPrintsOfReturn } from '../../../db/repositories/returns';
import { readSettings, writeSetting } from '../../../db/repositories/settings';
import type { HandlerContext, HandlerMap } from '../context';
import type { LabelSize, RmaLabelItem, StoreBranding } from '../labels';
import { renderRmaLabelsZpl } from '../printing/rma-label-zpl';
import { returnDetail } from '../returns/return-view';

const LABEL_FONT = 'DroidSansFallbackFull.ttf';

/** The store setting holding its label logo, `{ mime, dataBase64 }` (not one of SETTING_SCHEMAS). */
export const LABEL_LOGO_SETTING = 'labelLogo';

/** The first bytes of each accepted logo type: a file that is not one is refused at upload. */
const LOGO_SIGNATURES: Record<'image/png' | 'image/jpeg', (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) =>
    b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
};
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * What the store's labels and manifests carry besides its name: its address (stores table) and
 * its logo (a store setting). A stored logo that is not a readable image is passed on as it
 * is: the renderer leaves it off with a warning, and the label still prints.
 */
export function storeBranding(ctx: HandlerContext, storeId: string): StoreBranding {
  const branding: StoreBranding = {};
  const address = storeById(ctx.db, storeId)?.address.trim();
  if (address) branding.address = address;
  const logo = readSettings(ctx.db, storeId).get(LABEL_LOGO_SETTING) as
    { mime?: unknown; dataBase64?: unknown } | undefined;
  if (logo && typeof logo.dataBase64 === 'string' && logo.dataBase64.length > 0) {
    branding.logo = new Uint8Array(Buffer.from(logo.dataBase64, 'base64'));
  }
  return branding;
}

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
  branding: StoreBranding,
): Promise<Uint8Array> {
  const labels = await import('../labels');
  const { pdf } = await labels.renderRmaLabelsPdf(items, {
    size,
    cjkFontFile: join(ctx.resourcesDir, 'fonts', LABEL_FONT),
    branding,
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
    const items = labelItems(ctx, input.returnId, null);
    const branding = storeBranding(ctx, returnDetail(ctx, input.returnId).storeId);
    const pdf = await renderRmaLabelsPdf(ctx, items, input.size, branding);
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
    const detail = returnDetail(ctx, input.returnId);
    const branding = storeBranding(ctx, detail.storeId);
    const pdf = await renderRmaLabelsPdf(ctx, items, size, branding);
    const zpl = target?.kind === 'zpl' ? await renderRmaLabelsZpl(items, target, branding) : null;
    const printJobId = target ? ctx.newId() : null;
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

  /** Checked by its first bytes: a file that is not the image it says is refused here. */
  'labels.setLogo': (ctx, input) => {
    if (!storeById(ctx.db, input.storeId)) throw new AppError('NOT_FOUND', 'No such store.');
    if (!BASE64.test(input.dataBase64))
      throw new AppError('NOT_AN_IMAGE', 'The logo data is not base64.');
    const bytes = Buffer.from(input.dataBase64, 'base64');
    if (bytes.length > LABEL_LOGO_MAX_BYTES) {
      throw new AppError('TOO_LARGE', 'A label logo may be 512 KB at most.', {
        maxBytes: LABEL_LOGO_MAX_BYTES,
      });
    }
    if (!LOGO_SIGNATURES[input.mime](bytes))
      throw new AppError('NOT_AN_IMAGE', `That file is not a ${input.mime} image.`);
    const earlier = readSettings(ctx.db, input.storeId).get(LABEL_LOGO_SETTING) as
      { mime?: string; dataBase64?: string } | undefined;
    const updatedAt = ctx.nowIso();
    const value = { mime: input.mime, dataBase64: bytes.toString('base64') };
    writeSetting(
      ctx.db,
      input.storeId,
      LABEL_LOGO_SETTING,
      value,
      updatedAt,
      ctx.requireUser().row.id,
    );
    // The audit trail keeps the logo's size and type, not a copy of its bytes.
    const summary = (logo: { mime?: string; dataBase64?: string } | undefined) =>
      logo?.dataBase64
        ? { mime: logo.mime, sizeBytes: Buffer.from(logo.dataBase64, 'base64').length }
        : null;
    ctx.recordChange({
      entityType: 'setting',
      entityId: `${input.storeId}:${LABEL_LOGO_SETTING}`,
      storeId: input.storeId,
      before: summary(earlier),
      after: summary(value),
    });
    return { storeId: input.storeId, mime: input.mime, sizeBytes: bytes.length, updatedAt };
  },
} satisfies Partial<HandlerMap>;
