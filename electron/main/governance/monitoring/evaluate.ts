import type { FairnessFlag, MetricThreshold } from '../../../../shared/schemas/monitoring';
import { auc, gini } from '../metrics/auc';
import { calibration } from '../metrics/calibration';
import { groupFairness } from '../metrics/fairness';
import { ksBinned, ksTwoSample } from '../metrics/ks';
import { psi } from '../metrics/psi';
import type { ReferenceBins } from './reference-bins';
import { bandFor, isBeyond } from './thresholds';
import type { StatsPlan, WindowStats } from './window-stats';

/** A metric value before it is stored (the repo adds ids, run and window). */
export interface MetricDraft {
  metric: string;
  feature: string | null;
  segment: string | null;
  value: number | null;
  thresholdWarn: number | null;
  thresholdAlert: number | null;
  band: 'green' | 'amber' | 'red' | null;
  n: number;
  details: Record<string, unknown>;
}

export interface FairnessDraft {
  metric: 'favourable_rate' | 'disparate_impact' | 'statistical_parity_difference' | 'equal_opportunity_difference';
  attribute: string;
  group: string;
  referenceGroup: string;
  value: number | null;
  threshold: number | null;
  flag: FairnessFlag;
  n: number;
  details: Record<string, unknown>;
}

export interface EvaluationOptions {
  thresholds: ReadonlyMap<string, MetricThreshold>;
  /** Negate scores for discrimination metrics (a high score means the favourable decision). */
  negateScore: boolean;
  minGroupSize: number;
  referenceGroups: Readonly<Record<string, string>>;
}

/** The model-level and per-feature metrics of one window. */
export function evaluateWindow(stats: WindowStats, plan: StatsPlan, options: EvaluationOptions): MetricDraft[] {
  const draft = (metric: string, value: number | null, n: number, extra: Partial<MetricDraft> = {}): MetricDraft => {
    const t = options.thresholds.get(metric);
    return {
      metric, feature: null, segment: null, value, n, details: {},
      thresholdWarn: t?.warn ?? null, thresholdAlert: t?.alert ?? null, band: bandFor(value, t), ...extra,
    };
  };
  const out: MetricDraft[] = [draft('decision_count', stats.n, stats.n)];
  if (stats.decided > 0) out.push(draft('approval_rate', stats.favourable / stats.decided, stats.decided, { details: { favourable: stats.favourable } }));
  if (plan.score && stats.scoreCounts && stats.scored > 0) {
    out.push(driftDraft(draft, 'psi', plan.score, stats.scoreCounts, null));
    out.push(draft('score_ks_drift', ksBinned(plan.score.expected, stats.scoreCounts), stats.scored));
  }
  for (const bins of plan.features) {
    const counts = stats.featureCounts.get(bins.name);
    if (counts && stats.n > 0) out.push(driftDraft(draft, 'csi', bins, counts, bins.name));
  }
  out.push(...performanceDrafts(stats, options, draft));
  return out;
}

type Drafter = (metric: string, value: number | null, n: number, extra?: Partial<MetricDraft>) => MetricDraft;

function driftDraft(draft: Drafter, metric: 'psi' | 'csi', bins: ReferenceBins, counts: number[], feature: string | null): MetricDraft {
  const r = psi(bins.expected, counts);
  const n = counts.reduce((s, c) => s + c, 0);
  const detailBins = r.bins.map((b, i) => ({ bin: bins.labels[i], expected: b.expectedShare, actual: b.actualShare, contribution: b.contribution }));
  return draft(metric, r.value, n, { feature, details: { bins: detailBins } });
}

function performanceDrafts(stats: WindowStats, options: EvaluationOptions, draft: Drafter): MetricDraft[] {
  const events = stats.outcomeEvents;
  const positives = events.filter(Boolean).length;
  const n = events.length;
  if (n === 0) return [];
  const out = [draft('outcome_count', n, n), draft('event_rate', positives / n, n)];
  if (positives === 0 || positives === n) return out;
  const ranked = options.negateScore ? stats.outcomeScores.map((s) => -s) : stats.outcomeScores;
  const area = auc(ranked, events);
  out.push(draft('auc', area, n), draft('gini', gini(area), n));
  const bad = ranked.filter((_, i) => events[i]);
  const good = ranked.filter((_, i) => !events[i]);
  out.push(draft('ks', ksTwoSample(bad, good), n));
  // Calibration only makes sense when the score is the probability of the event itself.
  const isProbability = !options.negateScore && stats.outcomeScores.every((s) => s >= 0 && s <= 1);
  if (!isProbability) return out;
  const cal = calibration(stats.outcomeScores, events);
  out.push(draft('calibration_in_the_large', cal.calibrationInTheLarge, n), draft('brier', cal.brier, n), draft('hosmer_lemeshow', cal.hosmerLemeshow, n));
  cal.bins.forEach((b, i) =>
    out.push(draft('calibration_bin', b.observedRate, b.n, { segment: `decile ${i + 1}`, details: { meanPredicted: b.meanPredicted, minScore: b.minScore, maxScore: b.maxScore } })),
  );
  return out;
}

const SELECTION_BIAS =
  'Outcomes are only observed for favourable decisions (declined applicants never show whether they would have repaid), so equal opportunity cannot be measured.';

/** Fairness of the window's decisions by each protected or proxy attribute. */
export function evaluateFairness(stats: WindowStats, options: EvaluationOptions): FairnessDraft[] {
  const out: FairnessDraft[] = [];
  // With outcomes only for approved applicants every qualified person was approved: TPR is 1 by construction.
  const measurable = stats.unfavourableWithOutcome > 0;
  for (const [attribute, counts] of [...stats.groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const result = groupFairness(counts, options.referenceGroups[attribute]);
    for (const g of result.groups) {
      const small = g.n < options.minGroupSize;
      const base = { attribute, group: g.group, referenceGroup: result.referenceGroup, n: g.n };
      const row = (metric: FairnessDraft['metric'], value: number | null, details: Record<string, unknown> = {}): FairnessDraft => {
        const t = options.thresholds.get(metric);
        const flag: FairnessFlag = value === null ? 'undefined' : small ? 'small-sample' : t && isBeyond(value, t.alert, t.direction) ? 'adverse' : 'ok';
        return { ...base, metric, value, threshold: t?.alert ?? null, flag, details };
      };
      const c = counts.get(g.group);
      out.push(
        row('favourable_rate', g.favourableRate, { favourable: c?.favourable ?? 0 }),
        row('disparate_impact', g.disparateImpact),
        row('statistical_parity_difference', g.statisticalParityDifference),
        row('equal_opportunity_difference', measurable ? g.equalOpportunityDifference : null, {
          qualified: c?.qualified ?? 0,
          qualifiedFavourable: c?.qualifiedFavourable ?? 0,
          ...(measurable ? {} : { reason: SELECTION_BIAS }),
        }),
      );
    }
  }
  return out;
}
