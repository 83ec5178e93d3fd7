import type { GroupCounts } from '../metrics/fairness';
import { type ReferenceBins, binOf, categoryOf } from './reference-bins';

/** One logged decision, parsed and reduced to what monitoring needs. */
export interface PreparedDecision {
  decidedAt: string;
  inputs: Record<string, unknown>;
  score: number | null;
  decision: string | null;
  attributes: Record<string, unknown>;
  /** The event the score predicts (true), its absence (false), or unknown (no outcome yet, or not binary). */
  event: boolean | null;
}

/** Everything the metrics of one window need, accumulated in one pass over its decisions. */
export interface WindowStats {
  key: string;
  first: string;
  last: string;
  n: number;
  featureCounts: Map<string, number[]>;
  scoreCounts: number[] | null;
  scored: number;
  decided: number;
  favourable: number;
  /** Unfavourable decisions whose outcome is known; zero when outcomes are only observed after approval. */
  unfavourableWithOutcome: number;
  /** Scores of decisions whose outcome is known, with the outcome. */
  outcomeScores: number[];
  outcomeEvents: boolean[];
  groups: Map<string, Map<string, GroupCounts>>;
}

/** How decisions are read into window statistics. */
export interface StatsPlan {
  features: ReferenceBins[];
  score: ReferenceBins | null;
  favourableDecision: string | null;
  attributes: readonly string[] | null;
}

/** An empty accumulator for one window. */
export function emptyStats(key: string, plan: StatsPlan): WindowStats {
  return {
    key,
    first: '',
    last: '',
    n: 0,
    featureCounts: new Map(plan.features.map((f) => [f.name, f.expected.map(() => 0)])),
    scoreCounts: plan.score ? plan.score.expected.map(() => 0) : null,
    scored: 0,
    decided: 0,
    favourable: 0,
    unfavourableWithOutcome: 0,
    outcomeScores: [],
    outcomeEvents: [],
    groups: new Map(),
  };
}

/** Add one decision to its window's statistics. */
export function addDecision(stats: WindowStats, plan: StatsPlan, d: PreparedDecision): void {
  stats.n += 1;
  if (stats.first === '' || d.decidedAt < stats.first) stats.first = d.decidedAt;
  if (d.decidedAt > stats.last) stats.last = d.decidedAt;
  for (const bins of plan.features) {
    const counts = stats.featureCounts.get(bins.name);
    if (!counts) continue;
    const bin = binOf(bins, d.inputs[bins.name]);
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  if (d.score !== null) {
    stats.scored += 1;
    if (plan.score && stats.scoreCounts) {
      const bin = binOf(plan.score, d.score);
      stats.scoreCounts[bin] = (stats.scoreCounts[bin] ?? 0) + 1;
    }
    if (d.event !== null) {
      stats.outcomeScores.push(d.score);
      stats.outcomeEvents.push(d.event);
    }
  }
  if (d.decision === null || plan.favourableDecision === null) return;
  const favourable = d.decision === plan.favourableDecision;
  stats.decided += 1;
  if (favourable) stats.favourable += 1;
  else if (d.event !== null) stats.unfavourableWithOutcome += 1;
  addToGroups(stats, plan, d, favourable);
}

function addToGroups(stats: WindowStats, plan: StatsPlan, d: PreparedDecision, favourable: boolean): void {
  const names = plan.attributes ?? Object.keys(d.attributes);
  for (const attribute of names) {
    const raw = d.attributes[attribute];
    const group = raw === null || raw === undefined || raw === '' ? '(missing)' : categoryOf(raw);
    let byGroup = stats.groups.get(attribute);
    if (!byGroup) stats.groups.set(attribute, (byGroup = new Map<string, GroupCounts>()));
    const c = byGroup.get(group) ?? { n: 0, favourable: 0, qualified: 0, qualifiedFavourable: 0 };
    c.n += 1;
    if (favourable) c.favourable += 1;
    // "Qualified" = the adverse event did not happen (the applicant repaid): equal opportunity compares
    // how often such people received the favourable decision.
    if (d.event === false) {
      c.qualified += 1;
      if (favourable) c.qualifiedFavourable += 1;
    }
    byGroup.set(group, c);
  }
}
