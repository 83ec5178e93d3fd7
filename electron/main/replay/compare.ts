import type { OutputComparison, ReplayValue, TensorValue } from '../../../shared/schemas/replay';
import type { Tolerance } from '../../../shared/schemas/bundle';

/** Statistics of an element-wise numeric comparison. */
export interface NumericStats {
  count: number;
  maxAbsDiff: number;
  /** Largest |a − e| / |e| over elements whose expected value is not zero (0 when there are none). */
  maxRelDiff: number;
  mismatches: number;
  identical: boolean;
}

/** Compare numbers element by element with numpy's isclose rule; NaN equals NaN (a recorded NaN replays as NaN). */
export function compareNumbers(expected: ArrayLike<number>, actual: ArrayLike<number>, tol: Tolerance): NumericStats {
  const stats: NumericStats = { count: expected.length, maxAbsDiff: 0, maxRelDiff: 0, mismatches: 0, identical: true };
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as number;
    const a = actual[i] as number;
    if (e === a || (Number.isNaN(e) && Number.isNaN(a))) continue;
    stats.identical = false;
    const diff = Math.abs(a - e);
    if (!(diff <= tol.atol + tol.rtol * Math.abs(e))) stats.mismatches++;
    if (Number.isNaN(diff)) {
      stats.maxAbsDiff = Number.POSITIVE_INFINITY;
      continue;
    }
    stats.maxAbsDiff = Math.max(stats.maxAbsDiff, diff);
    if (e !== 0) stats.maxRelDiff = Math.max(stats.maxRelDiff, diff / Math.abs(e));
  }
  return stats;
}

const squeeze = (shape: number[]) => shape.filter((d) => d !== 1);
const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * Compare a replayed tensor with the expected one. Shapes must agree up to dimensions of size 1 (scikit-learn
 * returns [N] where the graph returns [N, 1]; same numbers, so noted rather than failed).
 */
export function compareTensors(
  name: string,
  expected: TensorValue,
  actual: TensorValue,
  tol: Tolerance,
  compared: OutputComparison['compared'] = 'tensor',
): OutputComparison {
  const base = { name, compared, expectedShape: expected.shape, actualShape: actual.shape, count: expected.data.length };
  if (!sameShape(squeeze(expected.shape), squeeze(actual.shape)) || expected.data.length !== actual.data.length) {
    const note = `Shapes differ: expected [${expected.shape.join(', ')}], replayed [${actual.shape.join(', ')}].`;
    return { ...base, maxAbsDiff: null, maxRelDiff: null, mismatches: expected.data.length, verdict: 'differs', note };
  }
  const note = sameShape(expected.shape, actual.shape)
    ? undefined
    : `Shapes differ only by dimensions of size 1 (expected [${expected.shape.join(', ')}], replayed [${actual.shape.join(', ')}]).`;
  const withNote = note === undefined ? base : { ...base, note };
  const expectStrings = expected.data.some((v) => typeof v === 'string');
  const actualStrings = actual.data.some((v) => typeof v === 'string');
  if (expectStrings || actualStrings) {
    const mismatches = expected.data.filter((v, i) => String(v) !== String(actual.data[i])).length;
    const typeNote = expectStrings !== actualStrings ? 'Expected and replayed values are of different kinds (text vs numbers).' : undefined;
    const verdict = mismatches === 0 && !typeNote ? 'identical' : 'differs';
    return { ...withNote, ...(typeNote ? { note: typeNote } : {}), maxAbsDiff: null, maxRelDiff: null, mismatches: typeNote ? expected.data.length : mismatches, verdict };
  }
  const stats = compareNumbers(expected.data.map(Number), actual.data.map(Number), tol);
  const verdict = stats.identical ? 'identical' : stats.mismatches === 0 ? 'within-tolerance' : 'differs';
  return { ...withNote, maxAbsDiff: stats.maxAbsDiff, maxRelDiff: stats.maxRelDiff, mismatches: stats.mismatches, verdict };
}

/**
 * The expected probabilities of a ZipMap output as an [N, classes] matrix in the column order of the exposed
 * tensor: from a sequence of {label: probability} maps (one per row), or a matrix as scikit-learn returns it.
 * Returns a sentence instead when the expected maps do not carry exactly the model's class labels.
 */
export function zipMapExpectedMatrix(expected: ReplayValue, classLabels: (string | number)[]): TensorValue | string {
  if (expected.kind === 'tensor') return expected;
  if (expected.kind !== 'sequence') return `expected a sequence of maps or a probability matrix, found a ${expected.kind}`;
  const data: number[] = [];
  for (const [row, element] of expected.elements.entries()) {
    if (element.kind !== 'map') return `row ${row} of the expected output is a ${element.kind}, not a map`;
    const byKey = new Map(element.entries.map(([k, v]) => [String(k), Number(v)]));
    const keys = [...byKey.keys()].sort().join(', ');
    const labels = classLabels.map(String);
    if (byKey.size !== labels.length || labels.some((l) => !byKey.has(l))) {
      return `row ${row} of the expected output has classes {${keys}} but the model's ZipMap labels are {${labels.join(', ')}}`;
    }
    for (const label of labels) data.push(byKey.get(label) as number);
  }
  return { kind: 'tensor', dtype: 'float32', shape: [expected.elements.length, classLabels.length], data };
}
