import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { SyncTable } from '../../../shared/sync/protocol';
import { manifestLines, manifests, photos, qcInspections } from '../../database/schema';
import type {
  LabelPrintRow,
  ManifestLineRow,
  ManifestRow,
  PhotoRow,
  QcInspectionRow,
} from '../row-schemas';
import type { RowData } from '../sync-rows';
import {
  publish,
  requireOwnStore,
  requireUsers,
  rowsOf,
  sameRow,
  storedRow,
  type MutationContext,
} from './context';
import { reject } from './rejection';
import { returnFacts, returnLineFacts } from './returns';

/**
 * Insert-only records (DESIGN.md §5): written once, never changed. The same row again is the
 * same fact (a re-push after a lost answer) and changes nothing; the same id with other content
 * is refused. A correction is a new row (a QC inspection names the one it supersedes).
 * Returns whether the row is new.
 */
async function isNewRow(ctx: MutationContext, table: SyncTable, row: RowData, what: string) {
  const stored = await storedRow(ctx, table, row);
  if (!stored) return true;
  if (!sameRow(stored.data, row))
    reject('IMMUTABLE', `${what} was recorded already and cannot change.`);
  return false;
}

async function ownReturn(ctx: MutationContext, returnId: string) {
  const ret = await returnFacts(ctx, returnId);
  if (!ret) reject('UNKNOWN_REFERENCE', 'The row names an unknown return.');
  requireOwnStore(ctx, ret.storeId, `Return ${ret.rmaNumber}`);
  return ret;
}

async function ownReturnLine(ctx: MutationContext, returnLineId: string) {
  const line = await returnLineFacts(ctx, returnLineId);
  if (!line) reject('UNKNOWN_REFERENCE', 'The row names an unknown return line.');
  requireOwnStore(ctx, line.storeId, 'That return line');
  return line;
}

async function applyQcInspection(ctx: MutationContext, row: QcInspectionRow) {
  const line = await ownReturnLine(ctx, row.returnLineId);
  if (!(await isNewRow(ctx, 'qcInspections', row, 'This inspection'))) return;
  await requireUsers(ctx, [row.inspectedBy]);
  if (row.supersedesId) {
    const [earlier] = await ctx.tx
      .select()
      .from(qcInspections)
      .where(eq(qcInspections.id, row.supersedesId));
    if (!earlier || earlier.returnLineId !== row.returnLineId) {
      reject('UNKNOWN_REFERENCE', 'The corrected inspection is not one of this line.');
    }
    const [correction] = await ctx.tx
      .select({ id: qcInspections.id })
      .from(qcInspections)
      .where(eq(qcInspections.supersedesId, row.supersedesId));
    if (correction)
      reject('IMMUTABLE', 'That inspection was corrected already; correct the latest.');
  }
  await ctx.tx.insert(qcInspections).values({
    id: row.id,
    returnLineId: row.returnLineId,
    supersedesId: row.supersedesId,
  });
  await publish(ctx, 'qcInspections', row, { storeId: line.storeId });
}

async function applyPhoto(ctx: MutationContext, row: PhotoRow) {
  const ret = await ownReturn(ctx, row.returnId);
  if (!(await isNewRow(ctx, 'photos', row, 'This photo'))) return;
  await requireUsers(ctx, [row.createdBy]);
  if (row.returnLineId) {
    const line = await returnLineFacts(ctx, row.returnLineId);
    if (line?.returnId !== row.returnId)
      reject('UNKNOWN_REFERENCE', 'The photo names a line of another return.');
  }
  const bytes = Buffer.from(row.bytes, 'base64');
  if (bytes.length !== row.sizeBytes) reject('INVALID_ROW', 'The photo is not as long as it says.');
  if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) {
    reject('INVALID_ROW', 'The photo does not match its sha256.');
  }
  const [same] = await ctx.tx
    .select({ id: photos.id })
    .from(photos)
    .where(and(eq(photos.returnId, row.returnId), eq(photos.sha256, row.sha256)));
  if (same) reject('IMMUTABLE', 'This picture is attached to the return already.');
  await ctx.tx.insert(photos).values({ id: row.id, returnId: row.returnId, sha256: row.sha256 });
  await publish(ctx, 'photos', row, { storeId: ret.storeId });
}

async function applyLabelPrint(ctx: MutationContext, row: LabelPrintRow) {
  const ret = await ownReturn(ctx, row.returnId);
  if (!(await isNewRow(ctx, 'labelPrints', row, 'This label print'))) return;
  await requireUsers(ctx, [row.printedBy]);
  await publish(ctx, 'labelPrints', row, { storeId: ret.storeId });
}

async function applyManifest(ctx: MutationContext, row: ManifestRow) {
  requireOwnStore(ctx, row.storeId, 'This manifest');
  if (!(await isNewRow(ctx, 'manifests', row, 'This manifest'))) return;
  await requireUsers(ctx, [row.createdBy]);
  await ctx.tx.insert(manifests).values({ id: row.id, storeId: row.storeId });
  await publish(ctx, 'manifests', row, { storeId: row.storeId });
}

async function applyManifestLine(ctx: MutationContext, row: ManifestLineRow) {
  const [manifest] = await ctx.tx.select().from(manifests).where(eq(manifests.id, row.manifestId));
  if (!manifest) reject('UNKNOWN_REFERENCE', 'The manifest line names an unknown manifest.');
  requireOwnStore(ctx, manifest.storeId, 'This manifest');
  const line = await ownReturnLine(ctx, row.returnLineId);
  // Keyed by the return line: a line in another tote already has a row with another manifest.
  const stored = await storedRow(ctx, 'manifestLines', row);
  if (stored && sameRow(stored.data, row)) return;
  if (stored) reject('IMMUTABLE', 'This return line is in another tote already.');
  await ctx.tx.insert(manifestLines).values(row);
  await publish(ctx, 'manifestLines', row, { storeId: line.storeId });
}

export async function applyInsertOnly(ctx: MutationContext): Promise<void> {
  for (const row of rowsOf<QcInspectionRow>(ctx, 'qcInspections'))
    await applyQcInspection(ctx, row);
  for (const row of rowsOf<PhotoRow>(ctx, 'photos')) await applyPhoto(ctx, row);
  for (const row of rowsOf<LabelPrintRow>(ctx, 'labelPrints')) await applyLabelPrint(ctx, row);
  for (const row of rowsOf<ManifestRow>(ctx, 'manifests')) await applyManifest(ctx, row);
  for (const row of rowsOf<ManifestLineRow>(ctx, 'manifestLines'))
    await applyManifestLine(ctx, row);
}
