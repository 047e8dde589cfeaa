// Small statistics for the bench table: medians of interleaved rounds, percentiles of samples,
// and the least-squares slope of duration against wave count.

export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

const finite = (xs: readonly number[]) => xs.filter((x) => Number.isFinite(x));

/** Of the finite samples (a run that did not finish is NaN); NaN for none. */
export function min(xs: readonly number[]): number {
  return finite(xs).length === 0 ? NaN : Math.min(...finite(xs));
}

export function max(xs: readonly number[]): number {
  return finite(xs).length === 0 ? NaN : Math.max(...finite(xs));
}

/** Linear interpolation between order statistics; NaN for no samples. */
export function quantile(xs: readonly number[], q: number): number {
  const sorted = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** Slope of y over x by least squares (seconds per wave when y is seconds and x waves). */
export function slope(points: ReadonlyArray<{ x: number; y: number }>): number {
  const pts = points.filter((p) => Number.isFinite(p.y));
  if (pts.length < 2) return NaN;
  const mx = pts.reduce((s, p) => s + p.x, 0) / pts.length;
  const my = pts.reduce((s, p) => s + p.y, 0) / pts.length;
  const num = pts.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = pts.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? NaN : num / den;
}
