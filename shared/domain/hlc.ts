/**
 * Hybrid logical clock (Kulkarni et al.): wall time in ms plus a counter, so events made on
 * different devices order sensibly for display even when clocks drift. Hand-written because
 * the string format must stay identical on the desktop and in the back office, and it is
 * twenty lines. Format: 15-digit ms, 5-digit counter, node id — sorts as text.
 */
export interface HlcState {
  wallMs: number;
  counter: number;
  node: string;
}

export function hlcInit(node: string): HlcState {
  return { wallMs: 0, counter: 0, node };
}

/** Advances the clock for a local event and returns its timestamp. */
export function hlcTick(state: HlcState, nowMs: number): string {
  if (nowMs > state.wallMs) {
    state.wallMs = nowMs;
    state.counter = 0;
  } else {
    state.counter += 1;
  }
  return hlcFormat(state);
}

/** Merges a timestamp received from elsewhere, so later local events sort after it. */
export function hlcReceive(state: HlcState, remote: string, nowMs: number): void {
  const r = hlcParse(remote);
  const wall = Math.max(state.wallMs, r.wallMs, nowMs);
  if (wall === state.wallMs && wall === r.wallMs)
    state.counter = Math.max(state.counter, r.counter) + 1;
  else if (wall === state.wallMs) state.counter += 1;
  else if (wall === r.wallMs) state.counter = r.counter + 1;
  else state.counter = 0;
  state.wallMs = wall;
}

export function hlcFormat(s: HlcState): string {
  return `${String(s.wallMs).padStart(15, '0')}-${String(s.counter).padStart(5, '0')}-${s.node}`;
}

export function hlcParse(text: string): HlcState {
  const match = /^(\d{15})-(\d{5})-(.+)$/.exec(text);
  if (!match) throw new RangeError(`not a hybrid logical clock timestamp: ${text}`);
  return { wallMs: Number(match[1]), counter: Number(match[2]), node: match[3]! };
}
