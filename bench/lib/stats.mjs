// Sample statistics for the bench: percentiles over finite samples, rounding, number formatting.

export const MB = 1024 * 1024;

export const round = (x, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);

/** Linear-interpolated quantile of the finite samples (NaN marks a timed-out sample and is skipped). */
export function quantile(xs, q) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export const median = (xs) => quantile(xs, 0.5);

export function summary(xs) {
  const s = xs.filter((x) => Number.isFinite(x));
  return {
    n: s.length,
    min: round(Math.min(...s)),
    p50: round(quantile(s, 0.5)),
    p95: round(quantile(s, 0.95)),
    p99: round(quantile(s, 0.99)),
    max: round(Math.max(...s)),
    mean: round(s.reduce((a, b) => a + b, 0) / (s.length || 1)),
  };
}

export const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a');
