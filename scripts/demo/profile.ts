import type { DatasetProfile } from '../../shared/schemas/bundle';
import { mean, quantile, round, std } from './stats';

type NumericProfile = NonNullable<DatasetProfile['score']>;

/** Decile edges of a column, deduplicated so count features (many ties) still give valid ascending edges. */
export function decileEdges(values: ArrayLike<number>): number[] {
  const sorted = Array.from(values).sort((a, b) => a - b);
  const edges: number[] = [];
  for (let d = 1; d <= 9; d += 1) {
    const e = round(quantile(sorted, d / 10), 6);
    if (edges.length === 0 || e > (edges[edges.length - 1] as number)) edges.push(e);
  }
  return edges;
}

/** Counts per bin where bin i is (edges[i-1], edges[i]] and the outer bins are open-ended. */
export function binCounts(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i] as number;
    let b = 0;
    while (b < edges.length && v > (edges[b] as number)) b += 1;
    counts[b] = (counts[b] as number) + 1;
  }
  return counts;
}

/** The attest-profile/1 description of one numeric column. */
export function numericProfile(values: ArrayLike<number>): NumericProfile {
  const edges = decileEdges(values);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i += 1) {
    min = Math.min(min, values[i] as number);
    max = Math.max(max, values[i] as number);
  }
  return {
    kind: 'numeric',
    mean: round(mean(values), 6),
    std: round(std(values), 6),
    min: round(min, 6),
    max: round(max, 6),
    missing: 0,
    binEdges: edges,
    binCounts: binCounts(values, edges),
  };
}

/** Profile of a training table (columns by feature name) and of the model's score on it. */
export function datasetProfile(columns: Record<string, Float64Array>, rowCount: number, scores: ArrayLike<number>): DatasetProfile {
  const features: DatasetProfile['features'] = {};
  for (const [name, col] of Object.entries(columns)) features[name] = numericProfile(col);
  return { format: 'attest-profile/1', rowCount, features, score: numericProfile(scores) };
}
