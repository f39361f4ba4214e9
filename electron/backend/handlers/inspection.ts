import { AppError } from '../../../shared/contracts';
import {
  allowedDispositions,
  assertTransition,
  checkSerial,
  returnStatusFromLines,
  type ConditionGrade,
  type ReturnLineState,
} from '../../../shared/domain/returns';
import { orderLines } from '../../../db/repositories/order-lookup';
import {
  currentQc,
  insertQc,
  linesOfReturn,
  returnLineById,
  setReturnStatus,
  updateReturnLine,
} from '../../../db/repositories/returns';
import type { HandlerContext, HandlerMap } from '../context';
import { returnInScope } from '../returns/return-view';

function lineInScope(ctx: HandlerContext, returnLineId: string) {
  const line = returnLineById(ctx.db, returnLineId);
  if (!line) throw new AppError('NOT_FOUND', 'No such return line.');
  const ret = returnInScope(ctx, line.returnId);
  return { line, ret };
}

/** Keeps the return's stored status equal to what its lines' states say. */
function refreshReturnStatus(ctx: HandlerContext, returnId: string): string {
  const status = returnStatusFromLines(
    linesOfReturn(ctx.db, returnId).map((l) => l.state as ReturnLineState),
  );
  setReturnStatus(ctx.db, returnId, status, ctx.nowIso());
  return status;
}

export const inspectionHandlers = {
  /**
   * QC of one returned line. Insert-only: a correction names the inspection it supersedes.
   * The serial number scanned is checked against the order's.
   */
  'qc.record': (ctx, input) => {
    const { line, ret } = lineInScope(ctx, input.returnLineId);
    const current = currentQc(ctx.db, line.id);
    if (line.state === 'received') {
      if (input.supersedesId)
        throw new AppError('INVALID_INPUT', 'There is no inspection to correct yet.');
      assertTransition('received', 'inspected');
    } else if (line.state === 'inspected') {
      if (!current || input.supersedesId !== current.id) {
        throw new AppError(
          'CONFLICT',
          'This item was inspected already; correct the latest inspection.',
          {
            currentInspectionId: current?.id ?? null,
          },
        );
      }
    } else {
      throw new AppError(
        'INVALID_TRANSITION',
        `The item is ${line.state}; it cannot be inspected again.`,
      );
    }
    const orderLine = orderLines(ctx.db, ret.orderId).find((l) => l.id === line.orderLineId)!;
    const serialCheck = checkSerial(orderLine.serialNumber, input.serialScanned);
    const row = {
      id: input.id,
      returnLineId: line.id,
      grade: input.grade,
      defects: JSON.stringify(input.defects),
      checklist: JSON.stringify(input.checklist),
      serialExpected: orderLine.serialNumber,
      serialScanned: input.serialScanned,
      serialCheck,
      notes: input.notes,
      supersedesId: input.supersedesId ?? null,
      inspectedBy: ctx.requireUser().row.id,
      inspectedAt: ctx.nowIso(),
    };
    insertQc(ctx.db, row);
    if (line.state === 'received') updateReturnLine(ctx.db, line.id, { state: 'inspected' });
    refreshReturnStatus(ctx, ret.id);
    ctx.recordChange({
      entityType: 'qc_inspection',
      entityId: row.id,
      storeId: ret.storeId,
      before: current ? { id: current.id, grade: current.grade } : null,
      after: { ...row, serialExpected: row.serialExpected ? '(on file)' : null },
    });
    return {
      id: row.id,
      grade: row.grade,
      defects: input.defects,
      checklist: input.checklist,
      serialCheck,
      serialScanned: row.serialScanned,
      notes: row.notes,
      inspectedBy: ctx.requireUser().row.displayName,
      inspectedAt: row.inspectedAt,
      supersedesId: row.supersedesId,
    };
  },

  /** Where the item goes. Only after inspection, and only where its grade allows. */
  'returns.dispose': (ctx, input) => {
    const { line, ret } = lineInScope(ctx, input.returnLineId);
    if (line.state === 'received') throw new AppError('QC_REQUIRED', 'Inspect the item first.');
    assertTransition(line.state as ReturnLineState, 'disposed');
    const qc = currentQc(ctx.db, line.id)!;
    if (!allowedDispositions(qc.grade as ConditionGrade).includes(input.disposition)) {
      throw new AppError(
        'DISPOSITION_NOT_ALLOWED',
        `A ${qc.grade} item cannot go to ${input.disposition}.`,
        {
          grade: qc.grade,
          allowed: allowedDispositions(qc.grade as ConditionGrade),
        },
      );
    }
    const at = ctx.nowIso();
    updateReturnLine(ctx.db, line.id, {
      state: 'disposed',
      disposition: input.disposition,
      disposedAt: at,
    });
    const returnStatus = refreshReturnStatus(ctx, ret.id);
    ctx.recordChange({
      entityType: 'return_line',
      entityId: line.id,
      storeId: ret.storeId,
      before: { state: line.state, disposition: line.disposition },
      after: { state: 'disposed', disposition: input.disposition, grade: qc.grade },
    });
    return {
      returnLineId: line.id,
      state: 'disposed',
      disposition: input.disposition,
      returnStatus,
    };
  },
} satisfies Partial<HandlerMap>;
