import type { Band, MetricThreshold } from '../../../../shared/schemas/monitoring';

type ThresholdDefault = Omit<MetricThreshold, 'metric' | 'source'>;

/**
 * Attest's default thresholds: the industry conventions of docs/monitoring.md (PSI 0.10 / 0.25, the
 * four-fifths rule). They are conventions, not regulation; each model can override them.
 */
export const DEFAULT_THRESHOLDS: Readonly<Record<string, ThresholdDefault>> = {
  psi: { warn: 0.1, alert: 0.25, direction: 'higher-is-worse' },
  csi: { warn: 0.1, alert: 0.25, direction: 'higher-is-worse' },
  score_ks_drift: { warn: 0.1, alert: 0.2, direction: 'higher-is-worse' },
  auc: { warn: 0.7, alert: 0.6, direction: 'lower-is-worse' },
  gini: { warn: 0.4, alert: 0.2, direction: 'lower-is-worse' },
  ks: { warn: 0.3, alert: 0.2, direction: 'lower-is-worse' },
  calibration_in_the_large: { warn: 0.02, alert: 0.05, direction: 'abs-higher-is-worse' },
  disparate_impact: { warn: null, alert: 0.8, direction: 'lower-is-worse' },
  statistical_parity_difference: { warn: null, alert: 0.1, direction: 'abs-higher-is-worse' },
  equal_opportunity_difference: { warn: null, alert: 0.1, direction: 'abs-higher-is-worse' },
};

/** Thresholds for a model: the defaults overridden by the model's configured rows. */
export function effectiveThresholds(configured: readonly { metric: string; warn: number | null; alert: number }[]): MetricThreshold[] {
  const byMetric = new Map<string, MetricThreshold>(
    Object.entries(DEFAULT_THRESHOLDS).map(([metric, t]) => [metric, { metric, ...t, source: 'default' }]),
  );
  for (const row of configured) {
    const base = byMetric.get(row.metric);
    byMetric.set(row.metric, { metric: row.metric, warn: row.warn, alert: row.alert, direction: base?.direction ?? 'higher-is-worse', source: 'model' });
  }
  return [...byMetric.values()];
}

/** Is `value` beyond `limit` in the metric's bad direction? Strict: a PSI of exactly 0.25 is not yet red. */
export function isBeyond(value: number, limit: number, direction: MetricThreshold['direction']): boolean {
  switch (direction) {
    case 'higher-is-worse':
      return value > limit;
    case 'lower-is-worse':
      return value < limit;
    case 'abs-higher-is-worse':
      return Math.abs(value) > limit;
  }
}

/** The RAG band of a value, or null without a threshold or a value. */
export function bandFor(value: number | null, threshold: MetricThreshold | undefined): Band | null {
  if (value === null || threshold === undefined) return null;
  if (isBeyond(value, threshold.alert, threshold.direction)) return 'red';
  if (threshold.warn !== null && isBeyond(value, threshold.warn, threshold.direction)) return 'amber';
  return 'green';
}
