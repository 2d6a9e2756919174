// Latency measurement shared by the benches: warm up, take samples, report p50 / p95 / max.

export interface Latency {
  p50: number;
  p95: number;
  max: number;
}

/** The nearest-rank percentile of ascending `sorted` (p in 0..100); 0 for no samples. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Milliseconds to one decimal: finer than that is noise on a shared machine. */
export const round = (n: number) => Math.round(n * 10) / 10;

/** p50, p95 and max of unsorted samples. */
export function summarize(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1) ?? 0) };
}

/**
 * Runs `work` `runs` times after `warmUp` untimed runs (plans, caches, the pool) and returns each
 * run's milliseconds. `work` gets the run's index, so a caller can cycle through inputs.
 */
export async function sampleRuns(runs: number, work: (run: number) => Promise<unknown>, warmUp = 5): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await work(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** `sampleRuns`, summarized. */
export async function time(runs: number, work: (run: number) => Promise<unknown>): Promise<Latency> {
  return summarize(await sampleRuns(runs, work));
}
