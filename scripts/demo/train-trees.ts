import type { TreeEnsembleParams, TreeNode } from './onnx-trees';
import type { TrainingTable } from './train-logistic';
import { quantile } from './stats';

/** Hyper-parameters of the demo's gradient boosting (XGBoost-style second-order, histogram splits). */
export interface BoostingOptions {
  trees: number;
  depth: number;
  learningRate: number;
  lambda: number;
  minChildWeight: number;
}

/** Result: the ensemble and the training log loss after each tree (MLflow metric history). */
export interface BoostingFit {
  params: TreeEnsembleParams;
  lossHistory: number[];
}

interface Binned {
  thresholds: number[][];
  bins: Uint8Array[];
}

/** Candidate split points at the 5 %, 10 % … 95 % quantiles, rounded to float32 as ONNX stores them. */
function binColumns(columns: Float64Array[]): Binned {
  const thresholds = columns.map((col) => {
    const sorted = Array.from(col).sort((a, b) => a - b);
    const ts: number[] = [];
    for (let q = 1; q < 20; q += 1) {
      const t = Math.fround(quantile(sorted, q / 20));
      if (ts.length === 0 || t > (ts[ts.length - 1] as number)) ts.push(t);
    }
    return ts;
  });
  const bins = columns.map((col, j) => {
    const ts = thresholds[j] as number[];
    return Uint8Array.from(col, (v) => {
      let b = 0;
      while (b < ts.length && Math.fround(v) > (ts[b] as number)) b += 1;
      return b;
    });
  });
  return { thresholds, bins };
}

interface Split {
  feature: number;
  bin: number;
  gain: number;
}

function bestSplit(rows: number[], g: Float64Array, h: Float64Array, data: Binned, o: BoostingOptions): Split | null {
  let best: Split | null = null;
  data.bins.forEach((bins, j) => {
    const nb = (data.thresholds[j] as number[]).length + 1;
    const gs = new Float64Array(nb);
    const hs = new Float64Array(nb);
    for (const r of rows) {
      gs[bins[r] as number]! += g[r] as number;
      hs[bins[r] as number]! += h[r] as number;
    }
    const gt = gs.reduce((a, b) => a + b, 0);
    const ht = hs.reduce((a, b) => a + b, 0);
    let gl = 0;
    let hl = 0;
    for (let b = 0; b < nb - 1; b += 1) {
      gl += gs[b] as number;
      hl += hs[b] as number;
      const hr = ht - hl;
      if (hl < o.minChildWeight || hr < o.minChildWeight) continue;
      const gain = (gl * gl) / (hl + o.lambda) + ((gt - gl) * (gt - gl)) / (hr + o.lambda) - (gt * gt) / (ht + o.lambda);
      if (gain > 1e-9 && (!best || gain > best.gain)) best = { feature: j, bin: b, gain };
    }
  });
  return best;
}

/** Grow one tree depth-first, appending nodes so ids are stable; returns the id of the subtree root. */
function grow(nodes: TreeNode[], rows: number[], depth: number, g: Float64Array, h: Float64Array, data: Binned, o: BoostingOptions, margin: Float64Array): number {
  const id = nodes.length;
  const split = depth < o.depth ? bestSplit(rows, g, h, data, o) : null;
  if (!split) {
    let gs = 0;
    let hs = 0;
    for (const r of rows) {
      gs += g[r] as number;
      hs += h[r] as number;
    }
    const value = Math.fround((-o.learningRate * gs) / (hs + o.lambda));
    nodes.push({ kind: 'leaf', value });
    for (const r of rows) margin[r]! += value;
    return id;
  }
  const threshold = (data.thresholds[split.feature] as number[])[split.bin] as number;
  const placeholder: TreeNode = { kind: 'split', feature: split.feature, threshold, yes: 0, no: 0 };
  nodes.push(placeholder);
  const bins = data.bins[split.feature] as Uint8Array;
  placeholder.yes = grow(nodes, rows.filter((r) => (bins[r] as number) <= split.bin), depth + 1, g, h, data, o, margin);
  placeholder.no = grow(nodes, rows.filter((r) => (bins[r] as number) > split.bin), depth + 1, g, h, data, o, margin);
  return id;
}

/** Fit a binary gradient-boosted tree ensemble on the logistic loss. */
export function fitBoostedTrees(table: TrainingTable, o: BoostingOptions): BoostingFit {
  const n = table.target.length;
  const rate = Math.min(0.999, Math.max(0.001, table.target.reduce((a, b) => a + b, 0) / n));
  const baseLogit = Math.fround(Math.log(rate / (1 - rate)));
  const data = binColumns(table.columns);
  const margin = new Float64Array(n).fill(baseLogit);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const all = Array.from({ length: n }, (_, i) => i);
  const trees: TreeNode[][] = [];
  const lossHistory: number[] = [];
  for (let t = 0; t < o.trees; t += 1) {
    let loss = 0;
    for (let i = 0; i < n; i += 1) {
      const p = 1 / (1 + Math.exp(-(margin[i] as number)));
      const y = table.target[i] as number;
      g[i] = p - y;
      h[i] = Math.max(p * (1 - p), 1e-6);
      loss -= y * Math.log(Math.max(p, 1e-12)) + (1 - y) * Math.log(Math.max(1 - p, 1e-12));
    }
    const nodes: TreeNode[] = [];
    grow(nodes, all, 0, g, h, data, o, margin);
    trees.push(nodes);
    lossHistory.push(loss / n);
  }
  return { params: { features: table.features, baseLogit, trees }, lossHistory };
}
