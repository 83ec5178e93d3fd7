import { createHash } from 'node:crypto';
import type { ModelSpec, VersionPlan } from './catalog-types';
import { monthLabel } from './calendar';
import type { Rng } from './prng';
import { sigmoid } from './population';
import type { TrainingTable } from './train-logistic';

/** A generated training sample split into fit and validation parts, with the hash of its exact bytes. */
export interface TrainingData {
  fit: TrainingTable;
  validation: TrainingTable;
  digest: string;
  rowCount: number;
  /** First and last month of the window the rows were drawn from. */
  window: [number, number];
  targetName: string;
}

function emptyTable(features: readonly string[], n: number): TrainingTable {
  return { features, columns: features.map(() => new Float64Array(n)), target: new Float64Array(n) };
}

/** Name of the target column in the training data. */
export function targetName(spec: ModelSpec): string {
  const names: Record<string, string> = { p_default: 'defaulted', fraud_score: 'is_fraud', lgd: 'realised_lgd', p_churn: 'churned_90d', p_sar: 'sar_filed', p_cure: 'cured_30d' };
  return names[spec.output] ?? 'target';
}

/**
 * Draw the training rows of a version from the twelve months before it was registered (so later versions see
 * the autumn shift), label them from the population's ground truth, and hash them as CSV.
 */
export function buildTrainingData(spec: ModelSpec, plan: VersionPlan, rows: number, rng: Rng): TrainingData {
  const features = spec.population.features.map((f) => f.name);
  const window: [number, number] = [plan.created - 12, plan.created - 1];
  const nFit = Math.round(rows * 0.75);
  const fit = emptyTable(features, nFit);
  const validation = emptyTable(features, rows - nFit);
  const hash = createHash('sha256');
  const target = targetName(spec);
  hash.update(`month,${features.join(',')},${target}\n`);
  for (let i = 0; i < rows; i += 1) {
    const month = window[0] + (i % 12);
    const c = spec.population.sample(rng, month);
    const p = sigmoid(spec.population.trueLogit(c.features, rng));
    const y = spec.population.target === 'fraction' ? Math.round(p * 1e4) / 1e4 : rng.chance(p) ? 1 : 0;
    const [table, row] = i < nFit ? [fit, i] : [validation, i - nFit];
    features.forEach((f, j) => {
      (table.columns[j] as Float64Array)[row] = c.features[f] ?? 0;
    });
    table.target[row] = y;
    hash.update(`${monthLabel(month)},${features.map((f) => c.features[f]).join(',')},${y}\n`);
  }
  return { fit, validation, digest: hash.digest('hex'), rowCount: rows, window, targetName: target };
}
