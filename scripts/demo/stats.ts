/** Small, exact statistics for the demo generator (metrics of training runs and dataset profiles). */

/** Arithmetic mean (0 for an empty list). */
export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i += 1) s += xs[i] as number;
  return xs.length ? s / xs.length : 0;
}

/** Population standard deviation. */
export function std(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i += 1) s += ((xs[i] as number) - m) ** 2;
  return xs.length ? Math.sqrt(s / xs.length) : 0;
}

/** Quantile by linear interpolation between order statistics (numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

/** Area under the ROC curve by ranks, ties averaged (Mann–Whitney U). */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let pos = 0;
  let rankSumPos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1] as number] === scores[idx[i] as number]) j += 1;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k += 1) {
      if (labels[idx[k] as number] === 1) {
        pos += 1;
        rankSumPos += avgRank;
      }
    }
    i = j + 1;
  }
  const neg = idx.length - pos;
  if (pos === 0 || neg === 0) return 0.5;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Kolmogorov–Smirnov statistic between the score distributions of positives and negatives. */
export function ksStatistic(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let pos = 0;
  for (let i = 0; i < labels.length; i += 1) pos += labels[i] === 1 ? 1 : 0;
  const neg = labels.length - pos;
  let cp = 0;
  let cn = 0;
  let best = 0;
  for (let i = 0; i < idx.length; i += 1) {
    if (labels[idx[i] as number] === 1) cp += 1;
    else cn += 1;
    const tieNext = i + 1 < idx.length && scores[idx[i + 1] as number] === scores[idx[i] as number];
    if (!tieNext && pos && neg) best = Math.max(best, Math.abs(cp / pos - cn / neg));
  }
  return best;
}

/** Mean binary cross-entropy; works for fractional targets too (LGD). */
export function logLoss(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i += 1) {
    const q = Math.min(1 - 1e-12, Math.max(1e-12, p[i] as number));
    const t = y[i] as number;
    s -= t * Math.log(q) + (1 - t) * Math.log(1 - q);
  }
  return p.length ? s / p.length : 0;
}

/** Mean squared error (the Brier score for binary targets). */
export function meanSquaredError(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i += 1) s += ((p[i] as number) - (y[i] as number)) ** 2;
  return p.length ? s / p.length : 0;
}

/** Round to a number of significant decimals so JSON stays short and stable. */
export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}
