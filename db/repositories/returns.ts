import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../client';
import {
  approvals,
  labelPrints,
  manifestLines,
  manifests,
  photos,
  qcInspections,
  refundRequestLines,
  refundRequests,
  returnLines,
  returns,
} from '../schema';

export type ReturnRow = typeof returns.$inferSelect;
export type ReturnLineRow = typeof returnLines.$inferSelect;
export type QcRow = typeof qcInspections.$inferSelect;
export type RefundRequestRow = typeof refundRequests.$inferSelect;
export type RefundRequestLineRow = typeof refundRequestLines.$inferSelect;
export type ApprovalRow = typeof approvals.$inferSelect;
export type LabelPrintRow = typeof labelPrints.$inferSelect;
export type ManifestRow = typeof manifests.$inferSelect;
export type PhotoMetaRow = Omit<typeof photos.$inferSelect, 'bytes'>;

export function insertReturn(db: Db, row: ReturnRow, lines: ReturnLineRow[]): void {
  db.insert(returns).values(row).run();
  db.insert(returnLines).values(lines).run();
}

export function returnById(db: Db, id: string): ReturnRow | undefined {
  return db.select().from(returns).where(eq(returns.id, id)).get();
}

export function linesOfReturn(db: Db, returnId: string): ReturnLineRow[] {
  return db
    .select()
    .from(returnLines)
    .where(eq(returnLines.returnId, returnId))
    .orderBy(returnLines.createdAt, returnLines.id)
    .all();
}

export function returnLineById(db: Db, id: string): ReturnLineRow | undefined {
  return db.select().from(returnLines).where(eq(returnLines.id, id)).get();
}

export function updateReturnLine(
  db: Db,
  id: string,
  patch: Partial<Omit<ReturnLineRow, 'id'>>,
): void {
  db.update(returnLines).set(patch).where(eq(returnLines.id, id)).run();
}

export function setReturnStatus(db: Db, id: string, status: string, at: string): void {
  db.update(returns).set({ status, updatedAt: at }).where(eq(returns.id, id)).run();
}

export function recentReturns(db: Db, storeId: string, limit: number) {
  return db.$client
    .prepare(
      `SELECT r.id, r.rma_number AS rmaNumber, r.status, o.amazon_order_id AS amazonOrderId,
              (SELECT count(*) FROM return_lines rl WHERE rl.return_id = r.id) AS lineCount,
              r.created_at AS createdAt,
              (SELECT rr.status FROM refund_requests rr WHERE rr.return_id = r.id
                ORDER BY rr.requested_at DESC LIMIT 1) AS refundStatus
         FROM returns r JOIN orders o ON o.id = r.order_id
        WHERE r.store_id = ? ORDER BY r.created_at DESC LIMIT ?`,
    )
    .all(storeId, limit) as {
    id: string;
    rmaNumber: string;
    status: string;
    amazonOrderId: string;
    lineCount: number;
    createdAt: string;
    refundStatus: string | null;
  }[];
}

// QC ------------------------------------------------------------------------------------

export function insertQc(db: Db, row: QcRow): void {
  db.insert(qcInspections).values(row).run();
}

/** The inspection in force: the newest one no later row supersedes. */
export function currentQc(db: Db, returnLineId: string): QcRow | undefined {
  return db.$client
    .prepare(
      `SELECT id, return_line_id AS returnLineId, grade, defects, checklist,
              serial_expected AS serialExpected, serial_scanned AS serialScanned,
              serial_check AS serialCheck, notes, supersedes_id AS supersedesId,
              inspected_by AS inspectedBy, inspected_at AS inspectedAt
         FROM qc_inspections q
        WHERE q.return_line_id = ?
          AND NOT EXISTS (SELECT 1 FROM qc_inspections later WHERE later.supersedes_id = q.id)
        ORDER BY q.inspected_at DESC LIMIT 1`,
    )
    .get(returnLineId) as QcRow | undefined;
}

export function qcIdsOfLines(db: Db, lineIds: string[]): string[] {
  if (lineIds.length === 0) return [];
  return db
    .select({ id: qcInspections.id })
    .from(qcInspections)
    .where(inArray(qcInspections.returnLineId, lineIds))
    .all()
    .map((r) => r.id);
}

// Photos ----------------------------------------------------------------------------------

export function insertPhoto(db: Db, row: typeof photos.$inferInsert): void {
  db.insert(photos).values(row).run();
}

export function photoByHash(db: Db, returnId: string, sha256: string): PhotoMetaRow | undefined {
  return photosOfReturn(db, returnId).find((p) => p.sha256 === sha256);
}

export function photosOfReturn(db: Db, returnId: string): PhotoMetaRow[] {
  return db
    .select({
      id: photos.id,
      returnId: photos.returnId,
      returnLineId: photos.returnLineId,
      stage: photos.stage,
      mime: photos.mime,
      sha256: photos.sha256,
      sizeBytes: photos.sizeBytes,
      createdBy: photos.createdBy,
      createdAt: photos.createdAt,
    })
    .from(photos)
    .where(eq(photos.returnId, returnId))
    .orderBy(photos.createdAt)
    .all();
}

export function photoById(db: Db, id: string) {
  return db.select().from(photos).where(eq(photos.id, id)).get();
}

// Refund requests and approvals -------------------------------------------------------------

export function insertRefundRequest(
  db: Db,
  row: typeof refundRequests.$inferInsert,
  lines: RefundRequestLineRow[],
): void {
  db.insert(refundRequests).values(row).run();
  db.insert(refundRequestLines).values(lines).run();
}

export function refundRequestById(db: Db, id: string): RefundRequestRow | undefined {
  return db.select().from(refundRequests).where(eq(refundRequests.id, id)).get();
}

export function refundRequestsOfReturn(db: Db, returnId: string): RefundRequestRow[] {
  return db
    .select()
    .from(refundRequests)
    .where(eq(refundRequests.returnId, returnId))
    .orderBy(refundRequests.requestedAt)
    .all();
}

export function linesOfRefundRequest(db: Db, requestId: string): RefundRequestLineRow[] {
  return db
    .select()
    .from(refundRequestLines)
    .where(eq(refundRequestLines.refundRequestId, requestId))
    .orderBy(refundRequestLines.id)
    .all();
}

/** Live (not denied or rejected) refund lines of a return line: at most one may exist. */
export function liveRefundLinesOfReturnLine(db: Db, returnLineId: string): RefundRequestLineRow[] {
  return db
    .select({ line: refundRequestLines })
    .from(refundRequestLines)
    .innerJoin(refundRequests, eq(refundRequests.id, refundRequestLines.refundRequestId))
    .where(
      and(
        eq(refundRequestLines.returnLineId, returnLineId),
        ne(refundRequests.status, 'denied'),
        ne(refundRequests.status, 'rejected'),
      ),
    )
    .all()
    .map((r) => r.line);
}

/** Units of an order line already covered by live refund requests (for pro-rata maths). */
export function refundedUnitsOfOrderLine(db: Db, orderLineId: string): number {
  const row = db.$client
    .prepare(
      `SELECT coalesce(sum(l.units), 0) AS units FROM refund_request_lines l
         JOIN refund_requests r ON r.id = l.refund_request_id
        WHERE l.order_line_id = ? AND r.status NOT IN ('denied', 'rejected')`,
    )
    .get(orderLineId) as { units: number };
  return row.units;
}

export function setRefundStatus(db: Db, id: string, status: string): void {
  db.update(refundRequests).set({ status }).where(eq(refundRequests.id, id)).run();
}

export function insertApproval(db: Db, row: typeof approvals.$inferInsert): void {
  db.insert(approvals).values(row).run();
}

export function approvalOfRequest(db: Db, requestId: string): ApprovalRow | undefined {
  return db.select().from(approvals).where(eq(approvals.refundRequestId, requestId)).get();
}

export function pendingRefundRequests(db: Db, storeIds: string[] | null): RefundRequestRow[] {
  const pending = eq(refundRequests.status, 'pending_approval');
  return db
    .select()
    .from(refundRequests)
    .where(storeIds ? and(pending, inArray(refundRequests.storeId, storeIds)) : pending)
    .orderBy(refundRequests.requestedAt)
    .all();
}

// Labels -------------------------------------------------------------------------------------

export function insertLabelPrint(db: Db, row: LabelPrintRow): void {
  db.insert(labelPrints).values(row).run();
}

export function labelPrintsOfReturn(db: Db, returnId: string): LabelPrintRow[] {
  return (
    db
      .select()
      .from(labelPrints)
      .where(eq(labelPrints.returnId, returnId))
      // Newest first; rowid breaks ties within the same millisecond.
      .orderBy(desc(labelPrints.printedAt), desc(sql`rowid`))
      .all()
  );
}

/** What a manifest prints for one return line, and what decides whether it may go in one. */
export interface ManifestCandidateRow {
  returnLineId: string;
  returnId: string;
  storeId: string;
  rmaNumber: string;
  sku: string;
  title: string;
  quantity: number;
  state: string;
  disposition: string | null;
  disposedAt: string | null;
  manifestId: string | null;
}

const MANIFEST_CANDIDATE_SQL = `SELECT rl.id AS returnLineId, r.id AS returnId, r.store_id AS storeId,
    r.rma_number AS rmaNumber, ol.sku, ol.title, rl.quantity, rl.state, rl.disposition,
    rl.disposed_at AS disposedAt, ml.manifest_id AS manifestId
  FROM return_lines rl
  JOIN returns r ON r.id = rl.return_id
  JOIN order_lines ol ON ol.id = rl.order_line_id
  LEFT JOIN manifest_lines ml ON ml.return_line_id = rl.id`;

/** The return lines asked for, with their RMA, item and manifest (if any); unknown ids are left out. */
export function manifestCandidates(db: Db, returnLineIds: string[]): ManifestCandidateRow[] {
  if (returnLineIds.length === 0) return [];
  return db.$client
    .prepare(
      `${MANIFEST_CANDIDATE_SQL} WHERE rl.id IN (SELECT value FROM json_each(?))
        ORDER BY r.rma_number, rl.created_at, rl.id`,
    )
    .all(JSON.stringify(returnLineIds)) as ManifestCandidateRow[];
}

/** The store's lines disposed to one of the dispositions and not yet in any tote. */
export function unmanifestedLines(
  db: Db,
  storeId: string,
  dispositions: readonly string[],
): ManifestCandidateRow[] {
  return db.$client
    .prepare(
      `${MANIFEST_CANDIDATE_SQL}
        WHERE r.store_id = ? AND rl.state = 'disposed' AND ml.manifest_id IS NULL
          AND rl.disposition IN (SELECT value FROM json_each(?))
        ORDER BY rl.disposed_at, r.rma_number, rl.id`,
    )
    .all(storeId, JSON.stringify(dispositions)) as ManifestCandidateRow[];
}

export function insertManifest(db: Db, row: ManifestRow, returnLineIds: string[]): void {
  db.insert(manifests).values(row).run();
  db.insert(manifestLines)
    .values(returnLineIds.map((returnLineId) => ({ manifestId: row.id, returnLineId })))
    .run();
}

export function manifestById(db: Db, id: string): ManifestRow | undefined {
  return db.select().from(manifests).where(eq(manifests.id, id)).get();
}
