import type { DatasetProfile, DecisionRule } from '../../../../shared/schemas/bundle';
import type { MetricThreshold, MonitoringSettings, WindowKind } from '../../../../shared/schemas/monitoring';
import { type FairnessDraft, type MetricDraft, evaluateFairness, evaluateWindow } from './evaluate';
import { referenceBinsOf } from './reference-bins';
import { DEFAULT_POSITIVE_OUTCOMES, extractScore, favourableDecisionOf, isHighScoreFavourable, isPositiveOutcome } from './score';
import { type PreparedDecision, type StatsPlan, type WindowStats, addDecision, emptyStats } from './window-stats';
import { type TimeWindow, windowBounds, windowKeyOf } from './windows';

/** A decision row as read from the log (JSON still as text). */
export interface RawDecision {
  decidedAt: string;
  inputsJson: string;
  outputsJson: string;
  decision: string | null;
  attributesJson: string;
  outcome: string | null;
}

/** Everything a computation needs besides the decisions. */
export interface MonitoringPlanInput {
  reference: DatasetProfile | null;
  rule: DecisionRule | null;
  settings: MonitoringSettings;
  thresholds: MetricThreshold[];
  windowKind: WindowKind;
}

export interface WindowResult extends TimeWindow {
  metrics: MetricDraft[];
  fairness: FairnessDraft[];
}

export interface MonitoringOutput {
  windows: WindowResult[];
  decisionCount: number;
  notes: string[];
}

/** Compute every window's metrics in one pass over the decisions (oldest first or in any order). */
export function computeMonitoring(input: MonitoringPlanInput, decisions: Iterable<RawDecision>, onRow?: (count: number) => void): MonitoringOutput {
  const bins = input.reference ? referenceBinsOf(input.reference) : { features: [], score: null };
  const favourable = favourableDecisionOf(input.settings.favourableDecision, input.rule);
  const plan: StatsPlan = { ...bins, favourableDecision: favourable, attributes: input.settings.protectedAttributes ?? null };
  const positives = input.settings.positiveOutcomes ?? DEFAULT_POSITIVE_OUTCOMES;
  const byWindow = new Map<string, WindowStats>();
  let count = 0;
  for (const raw of decisions) {
    const d = prepare(raw, input.rule, positives);
    const key = windowKeyOf(d.decidedAt, input.windowKind);
    let stats = byWindow.get(key);
    if (!stats) byWindow.set(key, (stats = emptyStats(key, plan)));
    addDecision(stats, plan, d);
    count += 1;
    onRow?.(count);
  }
  const options = {
    thresholds: new Map(input.thresholds.map((t) => [t.metric, t])),
    negateScore: isHighScoreFavourable(input.rule, favourable),
    minGroupSize: input.settings.minGroupSize,
    referenceGroups: input.settings.referenceGroups,
  };
  const windows = [...byWindow.values()]
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((stats) => ({
      ...windowBounds(stats.key, input.windowKind, stats.first, stats.last),
      metrics: evaluateWindow(stats, plan, options),
      fairness: evaluateFairness(stats, options),
    }));
  return { windows, decisionCount: count, notes: notesFor(input, plan, count) };
}

function prepare(raw: RawDecision, rule: DecisionRule | null, positives: readonly string[]): PreparedDecision {
  const outputs = parseObject(raw.outputsJson);
  return {
    decidedAt: raw.decidedAt,
    inputs: parseObject(raw.inputsJson),
    score: extractScore(outputs, rule),
    decision: raw.decision,
    attributes: parseObject(raw.attributesJson),
    event: raw.outcome === null ? null : isPositiveOutcome(raw.outcome, positives),
  };
}

function parseObject(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** What could not be computed, and why: shown beside the results and printed as gaps in packs. */
function notesFor(input: MonitoringPlanInput, plan: StatsPlan, count: number): string[] {
  const notes: string[] = [];
  if (count === 0) notes.push('No decisions are logged for this model version.');
  if (!input.reference) notes.push('No training dataset profile is linked to this version: PSI and CSI cannot be computed.');
  else if (!plan.score) notes.push('The training profile has no score distribution: score PSI and KS drift cannot be computed.');
  if (!plan.favourableDecision) {
    notes.push('No favourable decision is known (no decision rule naming one, none configured): approval rate and fairness are not computed.');
  }
  return notes;
}
