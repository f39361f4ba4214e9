import { AppError, type ReturnDetail } from '../../../shared/contracts';
import { DEFAULT_QC_CHECKLISTS, environmentalTags } from '../../../shared/domain/returns';
import { auditEventsForEntities } from '../../../db/repositories/audit';
import { storeById } from '../../../db/repositories/directory';
import { orderById, orderLines } from '../../../db/repositories/order-lookup';
import {
  approvalOfRequest,
  currentQc,
  labelPrintsOfReturn,
  linesOfReturn,
  photosOfReturn,
  qcIdsOfLines,
  refundRequestsOfReturn,
  returnById,
  type ReturnRow,
} from '../../../db/repositories/returns';
import { users } from '../../../db/schema';
import type { HandlerContext } from '../context';
import { maskName } from './masking';
import { seesPersonalData } from './order-detail';
import { refundView } from './refund-view';

/** A return the user may see, or NOT_FOUND / OUT_OF_SCOPE. */
export function returnInScope(ctx: HandlerContext, returnId: string): ReturnRow {
  const row = returnById(ctx.db, returnId);
  if (!row) throw new AppError('NOT_FOUND', 'No such return.');
  ctx.requireScope({ storeId: row.storeId });
  return row;
}

/** The whole return on one screen: lines, inspections, photos, labels, refunds and its timeline. */
export function returnDetail(ctx: HandlerContext, returnId: string): ReturnDetail {
  const ret = returnInScope(ctx, returnId);
  const order = orderById(ctx.db, ret.orderId)!;
  const orderLineById = new Map(orderLines(ctx.db, order.id).map((l) => [l.id, l]));
  const names = new Map(
    ctx.db
      .select({ id: users.id, displayName: users.displayName, username: users.username })
      .from(users)
      .all()
      .map((u) => [u.id, u]),
  );
  const nameOf = (id: string | null) => (id ? (names.get(id)?.displayName ?? id) : '');
  const lines = linesOfReturn(ctx.db, ret.id);
  const refunds = refundRequestsOfReturn(ctx.db, ret.id);
  const prints = labelPrintsOfReturn(ctx.db, ret.id);
  const photoRows = photosOfReturn(ctx.db, ret.id);
  const entityIds = [
    ret.id,
    ...lines.map((l) => l.id),
    ...qcIdsOfLines(
      ctx.db,
      lines.map((l) => l.id),
    ),
    ...refunds.map((r) => r.id),
    ...refunds
      .map((r) => approvalOfRequest(ctx.db, r.id)?.id)
      .filter((id): id is string => Boolean(id)),
    ...prints.map((p) => p.id),
    ...photoRows.map((p) => p.id),
  ];
  return {
    id: ret.id,
    rmaNumber: ret.rmaNumber,
    status: ret.status,
    storeId: ret.storeId,
    storeCode: storeById(ctx.db, ret.storeId)?.code ?? '',
    createdAt: ret.createdAt,
    createdBy: nameOf(ret.createdBy),
    customerComment: ret.customerComment,
    override: ret.overrideBy
      ? { by: nameOf(ret.overrideBy), reason: ret.overrideReason ?? '' }
      : null,
    policy: { id: ret.returnPolicyId, version: ret.returnPolicyVersion },
    order: {
      id: order.id,
      amazonOrderId: order.amazonOrderId,
      marketplace: order.marketplace,
      currency: order.currency,
      buyerName: seesPersonalData(ctx) ? order.buyerName : maskName(order.buyerName),
    },
    lines: lines.map((line) => {
      const orderLine = orderLineById.get(line.orderLineId)!;
      const qc = currentQc(ctx.db, line.id);
      return {
        id: line.id,
        orderLineId: line.orderLineId,
        sku: orderLine.sku,
        asin: orderLine.asin,
        title: orderLine.title,
        category: orderLine.category,
        quantity: line.quantity,
        reasonCode: line.reasonCode,
        comment: line.comment,
        opened: line.opened,
        damaged: line.damaged,
        missingParts: line.missingParts,
        eligibility: JSON.parse(line.eligibility),
        restockingFeeBps: line.restockingFeeBps,
        state: line.state,
        disposition: line.disposition,
        environmentalTags: [...environmentalTags(orderLine.category)],
        hasSerial: orderLine.serialNumber !== null,
        checklist: [
          ...(DEFAULT_QC_CHECKLISTS[orderLine.category as keyof typeof DEFAULT_QC_CHECKLISTS] ??
            []),
        ],
        qc: qc
          ? {
              id: qc.id,
              grade: qc.grade,
              defects: JSON.parse(qc.defects),
              checklist: JSON.parse(qc.checklist),
              serialCheck: qc.serialCheck,
              serialScanned: qc.serialScanned,
              notes: qc.notes,
              inspectedBy: nameOf(qc.inspectedBy),
              inspectedAt: qc.inspectedAt,
              supersedesId: qc.supersedesId,
            }
          : null,
      };
    }),
    photos: photoRows.map((p) => ({
      id: p.id,
      stage: p.stage,
      returnLineId: p.returnLineId,
      mime: p.mime,
      sha256: p.sha256,
      sizeBytes: p.sizeBytes,
      createdAt: p.createdAt,
    })),
    refunds: refunds.map((r) => refundView(ctx, r)),
    labelPrints: prints.map((p) => ({
      id: p.id,
      size: p.size,
      reprint: p.reprint,
      reason: p.reason,
      printedBy: nameOf(p.printedBy),
      printedAt: p.printedAt,
    })),
    timeline: auditEventsForEntities(ctx.db, entityIds).map((e) => ({
      seq: e.seq,
      at: e.at,
      action: e.action,
      username: e.userId ? (names.get(e.userId)?.username ?? null) : null,
      deviceId: e.deviceId,
      entityType: e.entityType,
      entityId: e.entityId,
    })),
  };
}
