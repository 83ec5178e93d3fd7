import type { LogisticParams } from './onnx-logistic';
import { mean, std } from './stats';

/** A training table: feature columns in signature order and the (possibly fractional) target. */
export interface TrainingTable {
  features: readonly string[];
  columns: Float64Array[];
  target: Float64Array;
}

/** Result of a fit: the parameters and the training log loss after each Newton step (MLflow metric history). */
export interface LogisticFit {
  params: LogisticParams;
  lossHistory: number[];
}

/** Solve A x = b for a small symmetric positive-definite system (Gaussian elimination, partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c += 1) {
    let p = c;
    for (let r = c + 1; r < n; r += 1) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = c + 1; r < n; r += 1) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k += 1) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r -= 1) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k += 1) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/** One Newton (IRLS) step for L2-penalised logistic regression on standardised columns; returns the loss. */
function newtonStep(z: Float64Array[], y: Float64Array, beta: number[], lambda: number): number {
  const k = z.length;
  const n = y.length;
  const grad = new Array<number>(k + 1).fill(0);
  const hess = Array.from({ length: k + 1 }, () => new Array<number>(k + 1).fill(0));
  const row = new Array<number>(k + 1).fill(1);
  let loss = 0;
  for (let i = 0; i < n; i += 1) {
    let eta = beta[k]!;
    for (let j = 0; j < k; j += 1) {
      row[j] = z[j]![i]!;
      eta += beta[j]! * row[j]!;
    }
    const p = 1 / (1 + Math.exp(-eta));
    const t = y[i]!;
    loss -= t * Math.log(Math.max(p, 1e-12)) + (1 - t) * Math.log(Math.max(1 - p, 1e-12));
    const w = p * (1 - p);
    for (let a = 0; a <= k; a += 1) {
      grad[a]! += (p - t) * row[a]!;
      for (let b = 0; b <= a; b += 1) hess[a]![b]! += w * row[a]! * row[b]!;
    }
  }
  for (let a = 0; a <= k; a += 1) for (let b = 0; b < a; b += 1) hess[b]![a] = hess[a]![b]!;
  for (let j = 0; j < k; j += 1) {
    grad[j]! += lambda * beta[j]!;
    hess[j]![j]! += lambda;
  }
  const delta = solve(hess, grad);
  for (let j = 0; j <= k; j += 1) beta[j]! -= delta[j]!;
  return loss / n;
}

/** Fit a logistic regression (Newton's method, L2 penalty `1 / c` as scikit-learn's C) on standardised inputs. */
export function fitLogistic(table: TrainingTable, c: number, iterations: number): LogisticFit {
  const means = table.columns.map((col) => mean(col));
  const stds = table.columns.map((col) => std(col) || 1);
  const z = table.columns.map((col, j) => col.map((v) => (v - means[j]!) / stds[j]!));
  const beta = new Array<number>(table.features.length + 1).fill(0);
  const lossHistory: number[] = [];
  for (let it = 0; it < iterations; it += 1) lossHistory.push(newtonStep(z, table.target, beta, 1 / c));
  return {
    params: {
      features: table.features,
      means,
      stds,
      weights: beta.slice(0, table.features.length),
      intercept: beta[table.features.length]!,
    },
    lossHistory,
  };
}
