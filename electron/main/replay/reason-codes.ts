import type Database from 'better-sqlite3';
import { z } from 'zod';
import { DatasetProfile } from '../../../shared/schemas/bundle';
import type { ReasonCode, ReasonCodes } from '../../../shared/schemas/replay';
import type { ReplayTarget } from '../store/replay-repo';
import { type PreparedModel, runRows, sessionOf } from './engine';
import type { Feature } from './feature-map';

/** How many features a reason-code list shows. */
export const TOP_FEATURES = 5;
/** Permutations for sampling Shapley; fixed with the seed so the same decision always gets the same codes. */
export const SHAPLEY_PERMUTATIONS = 64;
export const SHAPLEY_SEED = 20240611;

/** What is explained: one element of one output (the decision rule's, else the first float output's last element). */
interface Target {
  output: string;
  index: number;
}

/** A baseline value per feature: a numeric feature's mean, a categorical feature's most frequent category. */
export type Baseline = Map<string, number | string>;

/**
 * Baseline feature values from the training dataset profile (docs/replay.md, "Reason codes"): the mean of each
 * numeric feature and the most frequent category of each categorical one (ties: the first in text order, so
 * the choice never depends on how the profile was written).
 */
export function baselineOf(db: Database.Database, runId: string | null): { values: Baseline; source: string } | null {
  if (!runId) return null;
  const row = db
    .prepare(
      `SELECT d.name, d.digest, d.profile_json FROM dataset_input di JOIN dataset d ON d.id = di.dataset_id
       WHERE di.run_id = ? AND d.profile_json IS NOT NULL
       ORDER BY (di.context = 'training' OR di.tags_json LIKE '%"training"%') DESC, d.id LIMIT 1`,
    )
    .get(runId);
  if (!row) return null;
  const { name, digest, profile_json } = z.object({ name: z.string(), digest: z.string(), profile_json: z.string() }).parse(row);
  const profile = DatasetProfile.safeParse(JSON.parse(profile_json));
  if (!profile.success) return null;
  const values: Baseline = new Map();
  let categorical = false;
  for (const [feature, p] of Object.entries(profile.data.features)) {
    if (p.kind === 'numeric') values.set(feature, p.mean);
    else {
      const mode = mostFrequent(p.counts);
      if (mode !== null) values.set(feature, mode);
      categorical ||= mode !== null;
    }
  }
  const what = categorical ? 'feature means and most frequent categories' : 'feature means';
  return { values, source: `training dataset ${name} (digest ${digest.slice(0, 12)}), ${what}` };
}

function mostFrequent(counts: Record<string, number>): string | null {
  let best: [string, number] | null = null;
  for (const entry of Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (best === null || entry[1] > best[1]) best = entry;
  }
  return best && best[1] > 0 ? best[0] : null;
}

/** Reason codes for one decision, or null when the version has no training profile to take a baseline from. */
export async function reasonCodesFor(
  db: Database.Database,
  model: PreparedModel,
  target: ReplayTarget,
  inputs: Record<string, Feature>,
): Promise<ReasonCodes | null> {
  const baseline = baselineOf(db, target.runId);
  const explained = explainedOutput(model, target);
  if (!baseline || !explained) return null;
  return explainDecision(model, inputs, baseline.values, explained, baseline.source);
}

function explainedOutput(model: PreparedModel, target: ReplayTarget): Target | null {
  if (target.rule) return { output: target.rule.output, index: target.rule.index };
  const output = model.outputs.find((o) => o.dtype.startsWith('float'));
  if (!output) return null;
  // Two-class probabilities [p0, p1]: explain the positive class, as a decision rule usually does.
  return { output: output.name, index: output.classLabels ? output.classLabels.length - 1 : 0 };
}

/**
 * Attribute one output element to the features that have a baseline of their own kind (numbers for float
 * inputs, categories for string inputs); the others stay at their logged value. If the model is additive in
 * the logit (or in the output) — checked exactly by finite differences from both ends — each contribution is
 * its own step from the baseline (exact for linear and logistic models); otherwise seeded sampling Shapley.
 */
export async function explainDecision(
  model: PreparedModel,
  inputs: Record<string, Feature>,
  baseline: Baseline,
  explained: Target,
  baselineSource: string,
): Promise<ReasonCodes> {
  const features = model.mapping.bindings.flatMap((b) => b.features.filter((f) => explainable(b.dtype, inputs[f], baseline.get(f))));
  const base: Record<string, Feature> = { ...inputs };
  for (const f of features) base[f] = baseline.get(f) as number | string;
  const evaluate = scorer(model, explained);
  const linear = await tryLinear(evaluate, inputs, base, features);
  const contributions = linear?.contributions ?? (await samplingShapley(evaluate, inputs, base, features));
  const top: ReasonCode[] = features
    .map((f, i) => ({ feature: f, value: inputs[f] ?? null, baseline: baseline.get(f) ?? null, contribution: contributions[i] as number }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature.localeCompare(b.feature))
    .slice(0, TOP_FEATURES);
  const common = { output: explained.output, index: explained.index, baselineSource, top };
  if (linear) return { method: 'linear-exact', scale: linear.scale, ...common };
  return { method: 'sampling-shapley', scale: 'output', samples: SHAPLEY_PERMUTATIONS, seed: SHAPLEY_SEED, ...common };
}

// A float input is explained against a numeric baseline, a string input against a category; a value the
// baseline cannot stand in for (a missing feature, an integer code without a profile) is held as logged.
function explainable(dtype: string, value: Feature | undefined, base: number | string | undefined): boolean {
  if (dtype.startsWith('float')) return typeof value === 'number' && typeof base === 'number';
  if (dtype === 'string') return typeof value === 'string' && typeof base === 'string';
  return false;
}

type Evaluate = (rows: Record<string, Feature>[]) => Promise<number[]>;

function scorer(model: PreparedModel, explained: Target): Evaluate {
  return async (rows) => {
    const session = await sessionOf(model);
    const out = await runRows(model, session, rows);
    return out.map((m) => Number(m.get(explained.output)?.[explained.index]));
  };
}

const logit = (p: number) => Math.log(p / (1 - p));

async function tryLinear(evaluate: Evaluate, x: Record<string, Feature>, b: Record<string, Feature>, features: string[]) {
  // Rows: x, b, then b with feature j at x_j, then x with feature j at b_j.
  const rows = [x, b, ...features.map((f) => ({ ...b, [f]: x[f] ?? null })), ...features.map((f) => ({ ...x, [f]: b[f] ?? null }))];
  const scores = await evaluate(rows);
  const isProbability = scores.every((s) => s > 0 && s < 1);
  for (const scale of isProbability ? (['logit', 'output'] as const) : (['output'] as const)) {
    const g = scale === 'logit' ? scores.map(logit) : scores;
    const n = features.length;
    const up = features.map((_, j) => (g[2 + j] as number) - (g[1] as number));
    const down = features.map((_, j) => (g[0] as number) - (g[2 + n + j] as number));
    const total = (g[0] as number) - (g[1] as number);
    const size = 1 + up.reduce((s, c) => s + Math.abs(c), 0);
    // float32 models: agreement to 1e-3 of the total movement is "exact" up to the model's own rounding.
    const additive = Math.abs(total - up.reduce((s, c) => s + c, 0)) <= 1e-3 * size && up.every((c, j) => Math.abs(c - (down[j] as number)) <= 1e-3 * size);
    if (additive) return { scale, contributions: up };
  }
  return null;
}

async function samplingShapley(evaluate: Evaluate, x: Record<string, Feature>, b: Record<string, Feature>, features: string[]): Promise<number[]> {
  const random = mulberry32(SHAPLEY_SEED);
  const orders: number[][] = [];
  const rows: Record<string, Feature>[] = [];
  for (let m = 0; m < SHAPLEY_PERMUTATIONS; m++) {
    const order = shuffle(features.map((_, i) => i), random);
    orders.push(order);
    const point = { ...b };
    rows.push({ ...point });
    for (const j of order) {
      const f = features[j] as string;
      point[f] = x[f] ?? null;
      rows.push({ ...point });
    }
  }
  // One run for every point of every permutation: the session call dominates, not the number of rows.
  const scores = await evaluate(rows);
  const sums = features.map(() => 0);
  const stride = features.length + 1;
  orders.forEach((order, m) => order.forEach((j, k) => (sums[j] = (sums[j] as number) + (scores[m * stride + k + 1] as number) - (scores[m * stride + k] as number))));
  return sums.map((s) => s / SHAPLEY_PERMUTATIONS);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items: number[], random: () => number): number[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as number, items[i] as number];
  }
  return items;
}
