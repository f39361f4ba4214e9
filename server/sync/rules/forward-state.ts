/**
 * How a pushed state meets the server's (DESIGN.md §5): states only move forward by rank, so a
 * state further along wins whichever arrives first; an older one changes nothing. Only terminal
 * states share a rank, so two different states of equal rank are two different endings — the
 * first stays and a person looks at it.
 */
export type StateMerge = 'same' | 'advance' | 'stale' | 'terminal_conflict';

export function mergeState<S extends string>(
  current: S,
  pushed: S,
  rank: Readonly<Record<S, number>>,
): StateMerge {
  if (pushed === current) return 'same';
  if (rank[pushed] > rank[current]) return 'advance';
  if (rank[pushed] < rank[current]) return 'stale';
  return 'terminal_conflict';
}
