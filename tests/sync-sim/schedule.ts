import fc from 'fast-check';

/**
 * The simulation's schedule: a list of steps fast-check generates (and shrinks) from a seed.
 * Desktop indexes below `storeDesktops` are store PCs; the rest are managers' laptops, whose
 * "counter" steps become decisions.
 */
export type Step =
  | { kind: 'return'; desktop: number; pick: number; dear: boolean }
  | { kind: 'qc'; desktop: number; pick: number; grade: 'NEW' | 'LIKE_NEW' | 'GOOD' }
  | { kind: 'refund'; desktop: number; pick: number }
  | { kind: 'decide'; desktop: number; pick: number; decision: 'approved' | 'denied' }
  | { kind: 'sync'; desktop: number }
  /** The desktop's network goes down (or comes back). */
  | { kind: 'net'; desktop: number; up: boolean }
  /** `sync.now` at the desktop, then SIGKILL of the desktop after `delayMs`, then a restart. */
  | { kind: 'killDesktop'; desktop: number; delayMs: number }
  /** `sync.now` at the desktop, then SIGKILL of the back office after `delayMs`, then a restart. */
  | { kind: 'killServer'; desktop: number; delayMs: number }
  /** Let the background sync loops run for a while. */
  | { kind: 'pause'; ms: number };

export function stepArbitrary(desktops: number): fc.Arbitrary<Step> {
  const desktop = fc.nat({ max: desktops - 1 });
  const pick = fc.nat({ max: 1000 });
  return fc.oneof(
    {
      weight: 20,
      arbitrary: fc.record({
        kind: fc.constant('return' as const),
        desktop,
        pick,
        dear: fc.boolean(),
      }),
    },
    {
      weight: 10,
      arbitrary: fc.record({
        kind: fc.constant('qc' as const),
        desktop,
        pick,
        grade: fc.constantFrom('NEW' as const, 'LIKE_NEW' as const, 'GOOD' as const),
      }),
    },
    {
      weight: 14,
      arbitrary: fc.record({ kind: fc.constant('refund' as const), desktop, pick }),
    },
    {
      weight: 14,
      arbitrary: fc.record({
        kind: fc.constant('decide' as const),
        desktop,
        pick,
        decision: fc.constantFrom('approved' as const, 'approved' as const, 'denied' as const),
      }),
    },
    { weight: 14, arbitrary: fc.record({ kind: fc.constant('sync' as const), desktop }) },
    {
      weight: 10,
      arbitrary: fc.record({ kind: fc.constant('net' as const), desktop, up: fc.boolean() }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('killDesktop' as const),
        desktop,
        delayMs: fc.nat({ max: 60 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('killServer' as const),
        desktop,
        delayMs: fc.nat({ max: 60 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('pause' as const),
        ms: fc.integer({ min: 50, max: 600 }),
      }),
    },
  );
}

export function scheduleArbitrary(
  desktops: number,
  steps: number,
): fc.Arbitrary<{
  steps: Step[];
  /** The order in which desktops come back online at the end. */
  reconnect: number[];
}> {
  return fc.record({
    steps: fc.array(stepArbitrary(desktops), { minLength: steps, maxLength: steps }),
    reconnect: fc.shuffledSubarray(
      Array.from({ length: desktops }, (_, i) => i),
      { minLength: desktops, maxLength: desktops },
    ),
  });
}
