/** Summary statistics for benchmark samples (all in the caller's unit, usually ms). */

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/**
 * The p-th percentile (0–100) by linear interpolation between the closest ranks (numpy's default),
 * so p50 of an even count is the mean of the middle two. Empty input is NaN, not 0: a figure that
 * collected nothing must not look fast.
 */
export function percentile(values: readonly number[], p: number): number {
  if (p < 0 || p > 100) throw new RangeError(`percentile ${p} is outside 0–100`);
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  return {
    n,
    min: n ? Math.min(...values) : NaN,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max: n ? Math.max(...values) : NaN,
    mean: n ? values.reduce((s, v) => s + v, 0) / n : NaN,
  };
}

/** dockside / baseline; NaN when the baseline is missing or zero (a ratio to nothing means nothing). */
export function ratio(dockside: number, baseline: number): number {
  if (!Number.isFinite(dockside) || !Number.isFinite(baseline) || baseline === 0) return NaN;
  return dockside / baseline;
}
