import { join } from 'node:path';
import { AppError, MANIFEST_DISPOSITIONS } from '../../../shared/contracts';
import { storeById } from '../../../db/repositories/directory';
import {
  insertManifest,
  manifestCandidates,
  unmanifestedLines,
  type ManifestCandidateRow,
} from '../../../db/repositories/returns';
import type { Disposition } from '../../../shared/domain/returns';
import type { HandlerContext, HandlerMap } from '../context';
import { returnInScope } from '../returns/return-view';
import { storeBranding } from './labels';

const LABEL_FONT = 'DroidSansFallbackFull.ttf';

/** "RETURN_TO_VENDOR" → "Return to vendor", as on the RMA labels. */
const humanize = (code: string) => code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ');

const isManifestDisposition = (d: string | null): boolean =>
  (MANIFEST_DISPOSITIONS as readonly (string | null)[]).includes(d);

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
 * The lines asked for, every one checked: it exists, it is the caller's store's, it was
 * disposed to the warehouse or a vendor, and it is in no tote yet. Run before rendering and
 * again inside the transaction (another till may have packed the same line meanwhile).
 */
function checkedLines(ctx: HandlerContext, returnLineIds: string[]): ManifestCandidateRow[] {
  const rows = manifestCandidates(ctx.db, returnLineIds);
  const found = new Set(rows.map((r) => r.returnLineId));
  const missing = returnLineIds.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new AppError('NOT_FOUND', 'No such return line.', { returnLineIds: missing });
  for (const returnId of new Set(rows.map((r) => r.returnId))) returnInScope(ctx, returnId);
  if (new Set(rows.map((r) => r.storeId)).size > 1)
    throw new AppError('OUT_OF_SCOPE', 'A tote holds the lines of one store only.');
  const notAllowed = rows.filter(
    (r) => r.state !== 'disposed' || !isManifestDisposition(r.disposition),
  );
  if (notAllowed.length > 0) {
    throw new AppError(
      'DISPOSITION_NOT_ALLOWED',
      'Only lines sent to the warehouse or back to the vendor go in a tote.',
      { returnLineIds: notAllowed.map((r) => r.returnLineId) },
    );
  }
  const packed = rows.filter((r) => r.manifestId !== null);
  if (packed.length > 0) {
    throw new AppError('CONFLICT', 'Some lines are already in a tote.', {
      lines: packed.map((r) => ({ returnLineId: r.returnLineId, manifestId: r.manifestId })),
    });
  }
  return rows;
}

export const manifestHandlers = {
  'manifests.pending': (ctx) => {
    ctx.requireScope({ storeId: ctx.device.storeId });
    const rows = unmanifestedLines(ctx.db, ctx.device.storeId, MANIFEST_DISPOSITIONS);
    return {
      lines: rows.map((r) => ({
        returnLineId: r.returnLineId,
        returnId: r.returnId,
        rmaNumber: r.rmaNumber,
        sku: r.sku,
        title: r.title,
        quantity: r.quantity,
        disposition: r.disposition as Disposition,
      })),
    };
  },

  /**
   * The PDF is rendered first, so a rendering failure records nothing; the lines are then
   * checked again and packed in one transaction with the manifest's audit and outbox entry.
   */
  'manifests.create': async (ctx, input) => {
    const rows = checkedLines(ctx, input.returnLineIds);
    const storeId = rows[0]!.storeId;
    const store = storeById(ctx.db, storeId);
    if (!store) throw new AppError('NOT_FOUND', 'No such store.');
    const createdAt = ctx.nowIso();
    const branding = storeBranding(ctx, storeId);
    const labels = await import('../labels');
    const { pdf } = await labels.renderManifestPdf(
      {
        manifestId: input.id,
        storeCode: store.code,
        storeName: store.name,
        storeAddress: store.address,
        createdAt: formatLocal(createdAt, store.timeZone),
        lines: rows.map((r) => ({
          rmaNumber: r.rmaNumber,
          sku: r.sku,
          title: r.title,
          quantity: r.quantity,
          disposition: humanize(r.disposition!),
        })),
      },
      {
        paper: input.paper,
        cjkFontFile: join(ctx.resourcesDir, 'fonts', LABEL_FONT),
        branding,
      },
    );
    const lineIds = rows.map((r) => r.returnLineId);
    ctx.db.$client.transaction(() => {
      checkedLines(ctx, lineIds);
      const row = { id: input.id, storeId, createdBy: ctx.requireUser().row.id, createdAt };
      insertManifest(ctx.db, row, lineIds);
      ctx.recordChange({
        entityType: 'manifest',
        entityId: row.id,
        storeId,
        before: null,
        after: { ...row, returnLineIds: lineIds },
        mutation: { name: ctx.callName, args: { ...input, returnLineIds: lineIds } },
      });
    })();
    return {
      manifestId: input.id,
      pdfBase64: Buffer.from(pdf).toString('base64'),
      lineCount: rows.length,
    };
  },
} satisfies Partial<HandlerMap>;
