/** Median and spread of repeated measurements. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  p25: number;
  p75: number;
  runs: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The p-th percentile of sorted values (nearest rank). */
export const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

export function spread(values: readonly number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), min: s[0] ?? Number.NaN, max: s.at(-1) ?? Number.NaN, p25: quantile(s, 0.25), p75: quantile(s, 0.75), runs: s.length };
}

/** `12.3 (11.9–13.0)`: median, then min–max. */
export function fmt(s: Spread, digits = 1): string {
  const f = (n: number) => n.toFixed(digits);
  return s.runs > 1 ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : f(s.median);
}

/** The most timestamps (ms, sorted) within any one second: a rate limit holds only if this stays at or under it. */
export function busiestSecond(sorted: readonly number[]): number {
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}
