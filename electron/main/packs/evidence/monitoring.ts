import type { ChartSeries, Provenance } from '../../../../shared/schemas/pack';
import type { MonitoringPoint, PackSource } from '../source-types';
import { type SectionBuilder, daysBetween, factOf, fmt } from './builders';

/** Conventional PSI reading bands; printed as convention, not regulation (spec §1). */
const PSI_BANDS = [
  { label: '0.10 moderate shift', value: 0.1 },
  { label: '0.25 significant shift', value: 0.25 },
];
const MAX_FEATURE_CHARTS = 24;

const isPsi = (p: MonitoringPoint) => /psi|csi/i.test(p.metric);
const isPerformance = (p: MonitoringPoint) => /auc|gini|(^|_)ks($|_)|brier|accuracy/i.test(p.metric);
const whenOf = (p: MonitoringPoint) => p.windowEnd ?? p.computedAt;

function seriesOf(points: MonitoringPoint[], name: string): ChartSeries {
  const sorted = [...points].sort((a, b) => (whenOf(a) < whenOf(b) ? -1 : whenOf(a) > whenOf(b) ? 1 : 0));
  return { name, points: sorted.map((p) => ({ x: whenOf(p).slice(0, 10), y: p.value })) };
}

const provOf = (points: MonitoringPoint[]): Provenance[] => points.map((p) => p.provenance);

/** Score PSI over time and one CSI chart per monitored feature. */
export function psiCharts(s: SectionBuilder, field: string, perFeature: boolean): void {
  const points = (s.src.monitoring ?? []).filter(isPsi);
  const score = points.filter((p) => p.segment === null || /^score$/i.test(p.segment));
  if (score.length === 0) {
    s.gap(`${field}.psi`, 'Score PSI over time', 'MISSING', s.src.monitoring === null ? 'monitoring has not been run for this version' : 'no score PSI results recorded', 'Model Owner');
  } else {
    s.items.push({ kind: 'chart', field: `${field}.psi`, chart: 'psi-over-time', title: 'Score PSI over time', yLabel: 'PSI', series: [seriesOf(score, 'score PSI')], thresholds: thresholdsOf(score), provenance: provOf(score) });
  }
  if (!perFeature) return;
  const byFeature = new Map<string, MonitoringPoint[]>();
  for (const p of points) if (p.segment !== null && !/^score$/i.test(p.segment)) byFeature.set(p.segment, [...(byFeature.get(p.segment) ?? []), p]);
  for (const [feature, list] of [...byFeature.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).slice(0, MAX_FEATURE_CHARTS)) {
    s.items.push({ kind: 'chart', field: `${field}.csi.${feature}`, chart: 'psi-over-time', title: `CSI over time: ${feature}`, yLabel: 'CSI', series: [seriesOf(list, feature)], thresholds: thresholdsOf(list), provenance: provOf(list) });
  }
}

function thresholdsOf(points: MonitoringPoint[]): { label: string; value: number }[] {
  const configured = points.find((p) => p.threshold !== null)?.threshold ?? null;
  return configured === null ? PSI_BANDS : [{ label: `${fmt(configured)} configured threshold`, value: configured }];
}

/** Performance over time from monitoring, else the run's metric history; neither → gap. */
export function performanceChart(s: SectionBuilder, field: string): void {
  const points = (s.src.monitoring ?? []).filter((p) => isPerformance(p) && p.segment === null);
  const byMetric = new Map<string, MonitoringPoint[]>();
  for (const p of points) byMetric.set(p.metric, [...(byMetric.get(p.metric) ?? []), p]);
  if (byMetric.size > 0) {
    const series = [...byMetric.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([m, list]) => seriesOf(list, m));
    s.items.push({ kind: 'chart', field, chart: 'performance-over-time', title: 'Performance over time', yLabel: 'metric value', series, thresholds: [], provenance: provOf(points) });
    return;
  }
  s.gap(field, 'Performance over time', 'MISSING', s.src.monitoring === null ? 'monitoring has not been run for this version' : 'no performance results over time recorded', 'Model Owner');
}

/** Score distribution of decisions in period against the training reference. */
export function scoreDistributionChart(s: SectionBuilder, field: string): void {
  const { scores } = s.src.decisions;
  const reference = s.src.datasets.find((d) => d.profile?.score !== undefined && /train/i.test(d.context)) ?? s.src.datasets.find((d) => d.profile?.score !== undefined);
  const refScore = reference?.profile?.score;
  if (scores.length === 0 && refScore === undefined) {
    const why = s.src.version.decisionRule === null ? 'the decision rule (which output is the score) is not recorded' : 'no scored decisions or training score profile';
    s.gap(field, 'Score distribution', 'MISSING', why, 'Model Owner');
    return;
  }
  const edges = refScore?.binEdges ?? equalEdges(scores, 10);
  const series: ChartSeries[] = [];
  const labels = binLabels(edges);
  if (refScore) series.push({ name: 'training reference', points: shares(refScore.binCounts).map((y, i) => ({ x: labels[i] ?? '', y })) });
  if (scores.length > 0) series.push({ name: `decisions (${scores.length})`, points: shares(binCounts(scores, edges)).map((y, i) => ({ x: labels[i] ?? '', y })) });
  const provenance = [...(reference ? [reference.provenance] : []), ...s.src.decisions.provenance];
  s.items.push({ kind: 'chart', field, chart: 'score-distribution', title: 'Score distribution', yLabel: 'share of population', series, thresholds: cutoff(s.src), provenance });
}

function cutoff(src: PackSource): { label: string; value: number }[] {
  return src.version.decisionRule ? [{ label: `cut-off ${src.version.decisionRule.threshold}`, value: src.version.decisionRule.threshold }] : [];
}

function equalEdges(values: number[], bins: number): number[] {
  const min = Math.min(...values.slice(0, 100_000));
  const max = Math.max(...values.slice(0, 100_000));
  const step = (max - min) / bins || 1;
  return Array.from({ length: bins - 1 }, (_, i) => min + step * (i + 1));
}

function binLabels(edges: number[]): string[] {
  const e = edges.map((x) => fmt(x, 3) ?? '');
  return [`≤ ${e[0] ?? ''}`, ...e.slice(1).map((x, i) => `${e[i] ?? ''}–${x}`), `> ${e[e.length - 1] ?? ''}`];
}

function binCounts(values: number[], edges: number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    let i = 0;
    while (i < edges.length && v > (edges[i] ?? Infinity)) i++;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

function shares(counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  return counts.map((c) => c / total);
}

/** Summary table of monitoring results, plus STALE when the newest is older than the plan frequency. */
export function monitoringSummary(s: SectionBuilder, field: string): void {
  const points = s.src.monitoring ?? [];
  const latest = new Map<string, MonitoringPoint>();
  for (const p of [...points].sort((a, b) => (whenOf(a) < whenOf(b) ? -1 : 1))) latest.set(`${p.metric}|${p.segment ?? ''}`, p);
  s.table(field, 'Latest monitoring results', ['Metric', 'Segment', 'Value', 'Threshold', 'Window end', 'Status'],
    [...latest.values()].sort((a, b) => (`${a.metric}${a.segment ?? ''}` < `${b.metric}${b.segment ?? ''}` ? -1 : 1))
      .map((p) => ({ cells: [p.metric, p.segment ?? '(all)', fmt(p.value), fmt(p.threshold), whenOf(p), p.status], provenance: [p.provenance] })),
    { kind: 'gap', explanation: s.src.monitoring === null ? 'monitoring has not been run for this version' : 'no monitoring results in period', owner: 'Model Owner' });
  staleness(s, field, points);
}

function staleness(s: SectionBuilder, field: string, points: MonitoringPoint[]): void {
  const frequency = Number(factOf(s.src, 'pmm.frequency_days'));
  if (points.length === 0 || !Number.isFinite(frequency) || frequency <= 0) return;
  const newest = points.map((p) => p.computedAt).sort().at(-1) ?? s.src.asOf;
  const age = daysBetween(newest, s.src.asOf);
  if (age > frequency) s.gap(`${field}.freshness`, 'Monitoring freshness', 'STALE', `newest result is ${age} days old; the plan asks for every ${frequency} days`, 'Model Owner');
}

/** Breaches (status 'breach') in the period. */
export function breaches(src: PackSource): MonitoringPoint[] {
  return (src.monitoring ?? []).filter((p) => p.status === 'breach' || (p.threshold !== null && /psi|csi/i.test(p.metric) && p.value > p.threshold));
}
