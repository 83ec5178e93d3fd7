/**
 * Population stability index over fixed bins (docs/monitoring.md):
 * PSI = Σ (aᵢ − eᵢ) · ln(aᵢ / eᵢ), with aᵢ, eᵢ the current and reference shares of bin i.
 * Applied to the score it is PSI; applied to one feature it is usually called CSI. Same formula.
 */

/** Shares below this are raised to it, so an empty bin gives a large but finite contribution. */
export const PSI_FLOOR = 1e-4;

export interface PsiBin {
  expectedShare: number;
  actualShare: number;
  contribution: number;
}

export interface PsiResult {
  value: number;
  bins: PsiBin[];
}

/** PSI of `actual` counts against `expected` (reference) counts over the same bins. */
export function psi(expected: readonly number[], actual: readonly number[], floor = PSI_FLOOR): PsiResult {
  if (expected.length !== actual.length || expected.length === 0) {
    throw new RangeError(`PSI needs the same non-zero number of bins (reference ${expected.length}, current ${actual.length}).`);
  }
  const eTotal = sum(expected);
  const aTotal = sum(actual);
  if (eTotal <= 0 || aTotal <= 0) throw new RangeError('PSI needs at least one row in both the reference and the current window.');
  const bins = expected.map((e, i) => {
    const eShare = Math.max(e / eTotal, floor);
    const aShare = Math.max((actual[i] ?? 0) / aTotal, floor);
    return { expectedShare: e / eTotal, actualShare: (actual[i] ?? 0) / aTotal, contribution: (aShare - eShare) * Math.log(aShare / eShare) };
  });
  return { value: sum(bins.map((b) => b.contribution)), bins };
}

/** The bin a value falls in: bin i is (edges[i-1], edges[i]], the first and last open-ended. */
export function binIndex(value: number, edges: readonly number[]): number {
  let lo = 0;
  let hi = edges.length;
  // Binary search for the number of edges strictly below the value.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((edges[mid] ?? Infinity) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
