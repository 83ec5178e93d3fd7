import type { FairnessResultRow, MetricThreshold, MonitoringResultRow } from '../../../../shared/schemas/monitoring';
import type { Threshold } from '../../charts/TimeSeriesChart';

type Row = Record<string, string | number | null>;

/** "2026-09" for a window starting 2026-09-01. */
export function windowLabel(start: string): string {
  return start.slice(0, 7);
}

/** One row per window, one column per key (feature or metric), from result rows of one metric. */
export function pivotByWindow(rows: readonly MonitoringResultRow[], metric: string, columnOf: (r: MonitoringResultRow) => string): Row[] {
  const byWindow = new Map<string, Row>();
  for (const r of rows.filter((x) => x.metric === metric && x.segment === null)) {
    const label = windowLabel(r.windowStart);
    const row = byWindow.get(label) ?? { window: label };
    row[columnOf(r)] = r.value;
    byWindow.set(label, row);
  }
  return [...byWindow.values()].sort((a, b) => String(a.window).localeCompare(String(b.window)));
}

/** The distinct values of a column across rows of one metric (e.g. features with a CSI). */
export function columnsOf(rows: readonly MonitoringResultRow[], metric: string, columnOf: (r: MonitoringResultRow) => string): string[] {
  return [...new Set(rows.filter((r) => r.metric === metric && r.segment === null).map(columnOf))].sort();
}

/** The configured warn/alert lines for a metric, as chart thresholds. */
export function thresholdLines(thresholds: readonly MetricThreshold[], metric: string): Threshold[] {
  const t = thresholds.find((x) => x.metric === metric);
  if (!t) return [];
  const lines: Threshold[] = [{ value: t.alert, label: `alert ${t.alert}`, severity: 'alert' }];
  if (t.warn !== null) lines.unshift({ value: t.warn, label: `warn ${t.warn}`, severity: 'warn' });
  return lines;
}

/** The latest window's score distribution against the training reference (from the score PSI bins). */
export function latestScoreDistribution(rows: readonly MonitoringResultRow[]): { window: string; data: Row[] } | null {
  const psi = rows.filter((r) => r.metric === 'psi' && r.feature === null).sort((a, b) => b.windowStart.localeCompare(a.windowStart))[0];
  const bins = psi?.details.bins;
  if (!psi || !Array.isArray(bins)) return null;
  const data = (bins as { bin?: unknown; expected?: unknown; actual?: unknown }[]).map((b) => ({
    category: typeof b.bin === 'string' || typeof b.bin === 'number' ? String(b.bin) : '',
    reference: Number(b.expected ?? 0),
    current: Number(b.actual ?? 0),
  }));
  return { window: windowLabel(psi.windowStart), data };
}

/** The latest window's disparate-impact rows, one per attribute and group. */
export function latestFairness(rows: readonly FairnessResultRow[]): FairnessResultRow[] {
  const latest = rows.map((r) => r.windowStart).sort().at(-1);
  return rows.filter((r) => r.windowStart === latest && r.metric === 'disparate_impact');
}
