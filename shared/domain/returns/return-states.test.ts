import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../contracts/errors';
import {
  assertRefundTransition,
  assertTransition,
  BACK_OFFICE_ONLY_REFUND_STATES,
  canTransition,
  canTransitionRefund,
  LINE_STATE_RANK,
  LINE_STATES,
  REFUND_STATE_RANK,
  REFUND_STATES,
  RETURN_STATUS_RANK,
  returnStatusFromLines,
  TERMINAL_LINE_STATES,
  TERMINAL_REFUND_STATES,
  type RefundActor,
} from './return-states';

describe('line states', () => {
  it('goes received → inspected → disposed, and may be cancelled before disposal', () => {
    expect(canTransition('received', 'inspected')).toBe(true);
    expect(canTransition('inspected', 'disposed')).toBe(true);
    expect(canTransition('received', 'cancelled')).toBe(true);
    expect(canTransition('inspected', 'cancelled')).toBe(true);
    expect(canTransition('received', 'disposed')).toBe(false); // no disposal without inspection
    expect(canTransition('disposed', 'cancelled')).toBe(false);
    expect(canTransition('inspected', 'inspected')).toBe(false);
    expect(TERMINAL_LINE_STATES).toEqual(['disposed', 'cancelled']);
  });

  it('throws INVALID_TRANSITION as an AppError the registry understands', () => {
    expect(() => assertTransition('received', 'inspected')).not.toThrow();
    try {
      assertTransition('disposed', 'received');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('INVALID_TRANSITION');
      expect((error as AppError).details).toEqual({ from: 'disposed', to: 'received' });
    }
  });
});

describe('refund request states', () => {
  it('lets a device approve or deny, and only the back office go further', () => {
    expect(canTransitionRefund('pending_approval', 'approved', 'device')).toBe(true);
    expect(canTransitionRefund('pending_approval', 'denied', 'device')).toBe(true);
    expect(canTransitionRefund('approved', 'submitted', 'device')).toBe(false);
    expect(canTransitionRefund('approved', 'submitted', 'back_office')).toBe(true);
    expect(canTransitionRefund('submitted', 'refunded', 'back_office')).toBe(true);
    expect(canTransitionRefund('submitted', 'rejected', 'back_office')).toBe(true);
    expect(canTransitionRefund('pending_approval', 'submitted', 'back_office')).toBe(false);
    expect(canTransitionRefund('denied', 'approved', 'back_office')).toBe(false);
    expect(TERMINAL_REFUND_STATES).toEqual(['denied', 'refunded', 'rejected']);
    expect(() => assertRefundTransition('approved', 'refunded', 'back_office')).toThrow(AppError);
  });
});

describe('returnStatusFromLines', () => {
  it('derives the return’s status from its lines', () => {
    expect(returnStatusFromLines([])).toBe('open');
    expect(returnStatusFromLines(['received', 'received'])).toBe('open');
    expect(returnStatusFromLines(['received', 'cancelled'])).toBe('in_progress');
    expect(returnStatusFromLines(['received', 'inspected'])).toBe('in_progress');
    expect(returnStatusFromLines(['disposed', 'received'])).toBe('in_progress');
    expect(returnStatusFromLines(['disposed', 'cancelled'])).toBe('completed');
    expect(returnStatusFromLines(['disposed'])).toBe('completed');
    expect(returnStatusFromLines(['cancelled', 'cancelled'])).toBe('cancelled');
  });
});

describe('state machine properties', () => {
  it('accepted line moves always go up in rank, and terminal states accept nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINE_STATES), { maxLength: 12 }), (attempts) => {
        let state: (typeof LINE_STATES)[number] = 'received';
        for (const to of attempts) {
          const wasTerminal = TERMINAL_LINE_STATES.includes(state);
          if (canTransition(state, to)) {
            expect(wasTerminal).toBe(false);
            expect(LINE_STATE_RANK[to]).toBeGreaterThan(LINE_STATE_RANK[state]);
            state = to;
          } else {
            expect(() => assertTransition(state, to)).toThrow(AppError);
          }
        }
      }),
    );
  });

  it('accepted refund moves always go up in rank; devices never move past approved', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(...REFUND_STATES),
            fc.constantFrom<RefundActor>('device', 'back_office'),
          ),
          {
            maxLength: 12,
          },
        ),
        (attempts) => {
          let state: (typeof REFUND_STATES)[number] = 'pending_approval';
          for (const [to, actor] of attempts) {
            const wasTerminal = TERMINAL_REFUND_STATES.includes(state);
            if (canTransitionRefund(state, to, actor)) {
              expect(wasTerminal).toBe(false);
              expect(REFUND_STATE_RANK[to]).toBeGreaterThan(REFUND_STATE_RANK[state]);
              if (actor === 'device') expect(BACK_OFFICE_ONLY_REFUND_STATES).not.toContain(to);
              state = to;
            }
          }
        },
      ),
    );
  });

  it('a return’s status never goes back as its lines move forward', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(fc.nat(3), fc.constantFrom(...LINE_STATES)), { maxLength: 16 }),
        (count, moves) => {
          const lines = Array.from(
            { length: count },
            () => 'received' as (typeof LINE_STATES)[number],
          );
          let status = returnStatusFromLines(lines);
          for (const [i, to] of moves) {
            const index = i % count;
            if (!canTransition(lines[index]!, to)) continue;
            lines[index] = to;
            const next = returnStatusFromLines(lines);
            expect(RETURN_STATUS_RANK[next]).toBeGreaterThanOrEqual(RETURN_STATUS_RANK[status]);
            // Two different terminal statuses never follow one another.
            if (RETURN_STATUS_RANK[status] === 2) expect(next).toBe(status);
            status = next;
          }
        },
      ),
    );
  });
});
