/** Calibration of predicted probabilities against observed outcomes (docs/monitoring.md). */

export interface CalibrationBin {
  n: number;
  meanPredicted: number;
  observedRate: number;
  minScore: number;
  maxScore: number;
}

export interface CalibrationResult {
  bins: CalibrationBin[];
  /** Mean of (p − y)². */
  brier: number;
  /** Observed event rate minus mean predicted probability (0 when calibrated in the large). */
  calibrationInTheLarge: number;
  /** Hosmer–Lemeshow statistic Σ (O − E)² / (E·(1 − E/n)) over the bins. */
  hosmerLemeshow: number;
}

/** Calibration over `groups` equal-count bins of the predicted probability (deciles by default). */
export function calibration(predicted: readonly number[], positive: readonly boolean[], groups = 10): CalibrationResult {
  if (predicted.length !== positive.length || predicted.length === 0) throw new RangeError('Calibration needs one outcome per prediction.');
  const rows = predicted.map((p, i) => ({ p, y: positive[i] === true ? 1 : 0 })).sort((a, b) => a.p - b.p);
  const n = rows.length;
  const count = Math.min(groups, n);
  const bins: CalibrationBin[] = [];
  let hl = 0;
  for (let g = 0; g < count; g++) {
    const slice = rows.slice(Math.floor((g * n) / count), Math.floor(((g + 1) * n) / count));
    const expected = slice.reduce((s, r) => s + r.p, 0);
    const observed = slice.reduce((s, r) => s + r.y, 0);
    const meanPredicted = expected / slice.length;
    bins.push({ n: slice.length, meanPredicted, observedRate: observed / slice.length, minScore: slice[0]?.p ?? 0, maxScore: slice.at(-1)?.p ?? 0 });
    const denominator = expected * (1 - meanPredicted);
    if (denominator > 0) hl += (observed - expected) ** 2 / denominator;
  }
  const brier = rows.reduce((s, r) => s + (r.p - r.y) ** 2, 0) / n;
  const meanP = rows.reduce((s, r) => s + r.p, 0) / n;
  const rate = rows.reduce((s, r) => s + r.y, 0) / n;
  return { bins, brier, calibrationInTheLarge: rate - meanP, hosmerLemeshow: hl };
}
