/** Small helpers so every bench prints its figures the same way. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export const median = (samples: number[]) => percentile(samples, 50);

export function report(
  name: string,
  ours: number[],
  baseline: number[],
  baselineName: string,
): void {
  const [m, p99, bm, bp99] = [
    median(ours),
    percentile(ours, 99),
    median(baseline),
    percentile(baseline, 99),
  ];
  console.log(
    `${name.padEnd(34)} median ${m.toFixed(3).padStart(9)} ms  p99 ${p99.toFixed(3).padStart(9)} ms` +
      `   | ${baselineName}: median ${bm.toFixed(3)} ms, p99 ${bp99.toFixed(3)} ms` +
      `   | ratio median ${(m / bm).toFixed(2)}×, p99 ${(p99 / bp99).toFixed(2)}×`,
  );
}

export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export function timeSync(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}
