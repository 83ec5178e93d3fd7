import type { FairnessResultRow, MonitoringResultRow, MonitoringResults } from '../../../shared/schemas/monitoring';
import { formatTable } from '../format';

const fmt = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '-' : v.toFixed(digits));
const mark = (band: string | null | undefined) => (band === 'red' ? ' RED' : band === 'amber' ? ' AMBER' : '');

/** The monitoring results as terminal text: a line per window, then drift and fairness for the latest window. */
export function renderMonitoring(r: MonitoringResults): string {
  const head = `Monitoring ${r.model} version ${r.version}`;
  if (!r.run) return `${head}: not computed yet.\n`;
  const lines = [
    `${head}: ${r.run.decisionCount} decisions, ${r.run.windowKind} windows, computed ${r.run.computedAt}`,
    `Reference: ${r.run.referenceDataset ?? 'none'}`,
    ...r.run.notes.map((n) => `Note: ${n}`),
    '',
  ];
  const windows = [...new Set(r.results.map((m) => m.windowStart))];
  const get = (start: string, metric: string) => r.results.find((m) => m.windowStart === start && m.metric === metric && m.segment === null && m.feature === null);
  const rows = windows.map((start) => {
    const csi = r.results.filter((m) => m.windowStart === start && m.metric === 'csi').sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0];
    return [
      start.slice(0, 10),
      String(get(start, 'decision_count')?.value ?? 0),
      fmt(get(start, 'approval_rate')?.value),
      fmt(get(start, 'psi')?.value) + mark(get(start, 'psi')?.band),
      csi ? `${fmt(csi.value)} ${csi.feature ?? ''}${mark(csi.band)}` : '-',
      fmt(get(start, 'auc')?.value) + mark(get(start, 'auc')?.band),
      fmt(get(start, 'gini')?.value),
      fmt(get(start, 'ks')?.value),
      fmt(get(start, 'calibration_in_the_large')?.value, 4),
    ];
  });
  lines.push(formatTable(['WINDOW', 'DECISIONS', 'APPROVAL', 'SCORE PSI', 'MAX CSI (FEATURE)', 'AUC', 'GINI', 'KS', 'CAL-IN-LARGE'], rows));
  const latest = windows.at(-1);
  if (latest) lines.push(driftTable(r.results.filter((m) => m.windowStart === latest && m.metric === 'csi'), latest), fairnessTable(r.fairness.filter((f) => f.windowStart === latest), latest));
  return lines.join('\n');
}

function driftTable(rows: MonitoringResultRow[], start: string): string {
  if (rows.length === 0) return `Feature drift (${start.slice(0, 10)}): not computed.\n`;
  const body = rows.map((m) => [m.feature ?? '', fmt(m.value, 4), m.band ?? '-', `${fmt(m.thresholdWarn, 2)} / ${fmt(m.thresholdAlert, 2)}`]);
  return `Feature drift, window from ${start.slice(0, 10)} (CSI):\n${formatTable(['FEATURE', 'CSI', 'BAND', 'WARN / ALERT'], body)}`;
}

function fairnessTable(rows: FairnessResultRow[], start: string): string {
  const keyed = new Map<string, Partial<Record<FairnessResultRow['metric'], FairnessResultRow>>>();
  for (const f of rows) {
    const key = `${f.attribute}\u0000${f.group}`;
    keyed.set(key, { ...keyed.get(key), [f.metric]: f });
  }
  if (keyed.size === 0) return `Fairness (${start.slice(0, 10)}): not computed.\n`;
  const body = [...keyed.values()].map((g) => {
    const any = g.favourable_rate ?? g.disparate_impact;
    const di = g.disparate_impact;
    return [
      any?.attribute ?? '', any?.group ?? '', String(any?.n ?? 0), fmt(g.favourable_rate?.value), fmt(di?.value),
      fmt(g.statistical_parity_difference?.value), fmt(g.equal_opportunity_difference?.value), di?.flag === 'adverse' ? 'BELOW 4/5' : (di?.flag ?? '-'),
    ];
  });
  return `Fairness, window from ${start.slice(0, 10)} (reference = highest approval rate unless configured):\n${formatTable(
    ['ATTRIBUTE', 'GROUP', 'N', 'APPROVAL', 'DIR', 'SPD', 'EOD', 'FLAG'],
    body,
  )}`;
}
