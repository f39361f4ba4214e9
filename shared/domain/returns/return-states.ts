import { ReturnsDomainError } from './returns-error';

/**
 * The life of a returned line and of a refund request. State only moves forward (DESIGN.md §5:
 * sync keeps the furthest state and lets a terminal state win), so each state has a rank and
 * every allowed move goes up in rank. Moving to the state a line is already in is *not* a
 * transition: sync treats a repeat as already applied.
 */

// ---------------------------------------------------------------------------------------------
// Lines

export const LINE_STATES = ['received', 'inspected', 'disposed', 'cancelled'] as const;
export type LineState = (typeof LINE_STATES)[number];
/** Same as LineState, under the name the return's own records use. */
export type ReturnLineState = LineState;

export const LINE_STATE_RANK: Record<LineState, number> = {
  received: 0,
  inspected: 1,
  disposed: 2,
  cancelled: 2,
};

/**
 * received → inspected → disposed (the line records its disposition), and cancelled from received or
 * inspected: the buyer may take the item home again once they hear the inspection's outcome
 * (a fee, say). The inspection rows stay in history. Once disposed, the item has gone to stock,
 * the vendor or the bin, and cannot be "cancelled".
 */
const LINE_MOVES: Record<LineState, readonly LineState[]> = {
  received: ['inspected', 'cancelled'],
  inspected: ['disposed', 'cancelled'],
  disposed: [],
  cancelled: [],
};

export const TERMINAL_LINE_STATES: readonly LineState[] = LINE_STATES.filter(
  (s) => LINE_MOVES[s].length === 0,
);

export function canTransition(from: LineState, to: LineState): boolean {
  return LINE_MOVES[from]?.includes(to) ?? false;
}

/**
 * Throws INVALID_TRANSITION for a move the machine does not allow. Where a disposed line goes
 * is checked separately (allowedDispositions): the disposition is data, not a state.
 */
export function assertTransition(from: LineState, to: LineState): void {
  if (!canTransition(from, to)) {
    throw new ReturnsDomainError('INVALID_TRANSITION', `a return line cannot go ${from} → ${to}`, {
      from,
      to,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The return as a whole, derived from its lines (never stored on its own, so it cannot disagree)

export const RETURN_STATUSES = ['open', 'in_progress', 'completed', 'cancelled'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const RETURN_STATUS_RANK: Record<ReturnStatus, number> = {
  open: 0,
  in_progress: 1,
  completed: 2,
  cancelled: 2,
};

/**
 * - open: no line has moved yet (or there are no lines yet);
 * - cancelled: every line cancelled;
 * - completed: every line disposed or cancelled, at least one disposed;
 * - in_progress: anything in between — a cancelled line counts as having moved, so that the
 *   status, like the lines, only ever goes forward (RETURN_STATUS_RANK).
 */
export function returnStatusFromLines(lineStates: readonly LineState[]): ReturnStatus {
  if (lineStates.every((s) => s === 'received')) return 'open';
  if (lineStates.every((s) => s === 'cancelled')) return 'cancelled';
  if (lineStates.every((s) => TERMINAL_LINE_STATES.includes(s))) return 'completed';
  return 'in_progress';
}

// ---------------------------------------------------------------------------------------------
// Refund requests

export const REFUND_STATES = [
  'pending_approval',
  'approved',
  'denied',
  'submitted',
  'refunded',
  'rejected',
] as const;
export type RefundState = (typeof REFUND_STATES)[number];

export const REFUND_STATE_RANK: Record<RefundState, number> = {
  pending_approval: 0,
  approved: 1,
  denied: 1,
  submitted: 2,
  refunded: 3,
  rejected: 3,
};

/**
 * pending_approval → approved | denied (a manager, at the till or through the back office);
 * approved → submitted → refunded | rejected. Only the back office moves a request past
 * "approved" (DESIGN.md §5, §7): it alone talks to Amazon. An attempt whose outcome is unknown
 * stays "submitted" until the back office has checked Amazon's records.
 */
const REFUND_MOVES: Record<RefundState, readonly RefundState[]> = {
  pending_approval: ['approved', 'denied'],
  approved: ['submitted'],
  denied: [],
  submitted: ['refunded', 'rejected'],
  refunded: [],
  rejected: [],
};

export const TERMINAL_REFUND_STATES: readonly RefundState[] = REFUND_STATES.filter(
  (s) => REFUND_MOVES[s].length === 0,
);

/** States that only the back office may set. */
export const BACK_OFFICE_ONLY_REFUND_STATES: readonly RefundState[] = [
  'submitted',
  'refunded',
  'rejected',
];

/** Who is moving the request: a desktop (till, manager laptop) or the back office. */
export type RefundActor = 'device' | 'back_office';

/**
 * Is `from → to` allowed for `actor`? The actor is required so that the sync server checking a
 * device's mutation cannot forget that devices never move a refund past "approved".
 */
export function canTransitionRefund(
  from: RefundState,
  to: RefundState,
  actor: RefundActor,
): boolean {
  if (!(REFUND_MOVES[from]?.includes(to) ?? false)) return false;
  return actor === 'back_office' || !BACK_OFFICE_ONLY_REFUND_STATES.includes(to);
}

export function assertRefundTransition(
  from: RefundState,
  to: RefundState,
  actor: RefundActor,
): void {
  if (!canTransitionRefund(from, to, actor)) {
    throw new ReturnsDomainError(
      'INVALID_TRANSITION',
      `a refund request cannot go ${from} → ${to} (by ${actor})`,
      { from, to, actor },
    );
  }
}
