// Timing: medians of repeated runs after a warm-up, the app and the hand-written SQL interleaved in one loop so
// that a noisy neighbour on a shared machine slows both alike.

export type Stats = { median: number; p95: number; runs: number };

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  const mid = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, p95: at(0.95), runs: sorted.length };
}

export type TimingOptions = {
  warmup: number;
  runs: number;
  /** Fewer runs (at least `minRuns`) when one run is slow, so that a slow query does not take minutes. */
  budgetMs: number;
  minRuns: number;
};

async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Runs `a` and `b` alternately (a b, then b a, …) and returns the statistics of each. */
export async function timePair(a: () => Promise<unknown>, b: () => Promise<unknown>, options: TimingOptions): Promise<{ a: Stats; b: Stats }> {
  let probe = 0;
  for (let i = 0; i < options.warmup; i++) {
    probe = Math.max(await timeOnce(a), await timeOnce(b));
  }
  const runs = Math.max(options.minRuns, Math.min(options.runs, Math.floor(options.budgetMs / Math.max(probe * 2, 0.001))));
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      as.push(await timeOnce(a));
      bs.push(await timeOnce(b));
    } else {
      bs.push(await timeOnce(b));
      as.push(await timeOnce(a));
    }
  }
  return { a: stats(as), b: stats(bs) };
}
