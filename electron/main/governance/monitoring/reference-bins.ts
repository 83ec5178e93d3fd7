import type { DatasetProfile } from '../../../../shared/schemas/bundle';
import { binIndex } from '../metrics/psi';

/**
 * The reference distribution of one variable as fixed bins, with two extra bins at the end: values the
 * reference never saw (categorical only) and missing values. Both sides of PSI use exactly these bins.
 */
export interface ReferenceBins {
  name: string;
  kind: 'numeric' | 'categorical';
  edges: number[];
  categories: string[];
  expected: number[];
  labels: string[];
}

type NumericProfile = Extract<DatasetProfile['features'][string], { kind: 'numeric' }>;
type CategoricalProfile = Extract<DatasetProfile['features'][string], { kind: 'categorical' }>;

/** Bins of a numeric profile: its deciles (or whatever edges it carries), then 'missing'. */
export function numericBins(name: string, p: NumericProfile): ReferenceBins {
  const labels = [...p.binCounts.map((_, i) => binLabel(p.binEdges, i)), 'missing'];
  return { name, kind: 'numeric', edges: p.binEdges, categories: [], expected: [...p.binCounts, p.missing], labels };
}

/** Bins of a categorical profile: its categories (sorted), then 'other' and 'missing'. */
export function categoricalBins(name: string, p: CategoricalProfile): ReferenceBins {
  const categories = Object.keys(p.counts).sort();
  return {
    name,
    kind: 'categorical',
    edges: [],
    categories,
    expected: [...categories.map((c) => p.counts[c] ?? 0), 0, p.missing],
    labels: [...categories, 'other', 'missing'],
  };
}

/** Reference bins for every profiled feature and for the score, when the profile has one. */
export function referenceBinsOf(profile: DatasetProfile): { features: ReferenceBins[]; score: ReferenceBins | null } {
  const features = Object.entries(profile.features)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, p]) => (p.kind === 'numeric' ? numericBins(name, p) : categoricalBins(name, p)));
  return { features, score: profile.score ? numericBins('score', profile.score) : null };
}

/** The bin a logged value falls in (numbers given as strings are read as numbers). */
export function binOf(bins: ReferenceBins, value: unknown): number {
  const missing = bins.expected.length - 1;
  if (value === null || value === undefined || value === '') return missing;
  if (bins.kind === 'numeric') {
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
    return Number.isFinite(n) ? binIndex(n, bins.edges) : missing;
  }
  const index = bins.categories.indexOf(categoryOf(value));
  return index >= 0 ? index : missing - 1;
}

function binLabel(edges: readonly number[], i: number): string {
  const lo = edges[i - 1];
  const hi = edges[i];
  if (lo === undefined) return `≤ ${hi ?? '∞'}`;
  if (hi === undefined) return `> ${lo}`;
  return `(${lo}, ${hi}]`;
}

/** A logged value as a category label; objects and arrays (never categories) by their JSON. */
export function categoryOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}
