import type { LabelWarning } from './types';

/** Collects what an output left off or degraded, each warning once, in the order first met. */
export class WarningList {
  private readonly seen = new Set<LabelWarning>();

  add(warning: LabelWarning | null): void {
    if (warning) this.seen.add(warning);
  }

  list(): LabelWarning[] {
    return [...this.seen];
  }
}
