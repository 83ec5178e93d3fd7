/** Kolmogorov–Smirnov statistics (docs/monitoring.md). */

/**
 * Two-sample KS: the largest gap between the empirical distribution functions of `a` and `b`, evaluated at
 * every observed value (ties move both functions together). In credit it separates defaulters' scores from
 * non-defaulters'.
 */
export function ksTwoSample(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) throw new RangeError('KS needs at least one value in each sample.');
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let best = 0;
  while (i < x.length || j < y.length) {
    const xi = x[i] ?? Infinity;
    const yj = y[j] ?? Infinity;
    const v = Math.min(xi, yj);
    while (i < x.length && (x[i] ?? Infinity) <= v) i++;
    while (j < y.length && (y[j] ?? Infinity) <= v) j++;
    best = Math.max(best, Math.abs(i / x.length - j / y.length));
  }
  return best;
}

/**
 * KS between two binned distributions (the reference is only known as bin counts): the largest gap between
 * the cumulative shares at the bin boundaries. A lower bound of the KS of the underlying raw values.
 */
export function ksBinned(expected: readonly number[], actual: readonly number[]): number {
  if (expected.length !== actual.length || expected.length === 0) throw new RangeError('Binned KS needs the same bins on both sides.');
  const eTotal = expected.reduce((s, v) => s + v, 0);
  const aTotal = actual.reduce((s, v) => s + v, 0);
  if (eTotal <= 0 || aTotal <= 0) throw new RangeError('Binned KS needs rows on both sides.');
  let e = 0;
  let a = 0;
  let best = 0;
  for (let k = 0; k < expected.length; k++) {
    e += expected[k] ?? 0;
    a += actual[k] ?? 0;
    best = Math.max(best, Math.abs(e / eTotal - a / aTotal));
  }
  return best;
}
