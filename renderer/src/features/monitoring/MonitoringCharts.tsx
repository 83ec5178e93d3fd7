import type { MonitoringResults } from '../../../../shared/schemas/monitoring';
import { DistributionChart } from '../../charts/DistributionChart';
import { TimeSeriesChart } from '../../charts/TimeSeriesChart';
import { columnsOf, latestScoreDistribution, pivotByWindow, thresholdLines } from './series';

/** Drift, score distribution, approval rate and performance over time, thresholds drawn on the charts. */
export function MonitoringCharts({ data }: { data: MonitoringResults }) {
  const rows = data.results;
  const features = columnsOf(rows, 'csi', (r) => r.feature ?? '');
  const distribution = latestScoreDistribution(rows);
  const hasPerformance = rows.some((r) => r.metric === 'auc' && r.value !== null);
  return (
    <div className="chart-grid">
      <TimeSeriesChart
        title="Score stability (PSI against training)"
        data={pivotByWindow(rows, 'psi', () => 'score')}
        series={[{ key: 'score', label: 'score PSI' }]}
        thresholds={thresholdLines(data.thresholds, 'psi')}
      />
      <TimeSeriesChart
        title="Feature stability (CSI per feature)"
        data={pivotByWindow(rows, 'csi', (r) => r.feature ?? '')}
        series={features.map((f) => ({ key: f, label: f }))}
        thresholds={thresholdLines(data.thresholds, 'csi')}
      />
      {distribution ? (
        <DistributionChart
          title={`Score distribution, ${distribution.window} vs training reference`}
          data={distribution.data}
          bars={[
            { key: 'reference', label: 'training reference', color: '#8c959f' },
            { key: 'current', label: distribution.window, color: '#0969da' },
          ]}
        />
      ) : null}
      <TimeSeriesChart
        title="Approval rate"
        data={pivotByWindow(rows, 'approval_rate', () => 'approval')}
        series={[{ key: 'approval', label: 'approval rate' }]}
        thresholds={thresholdLines(data.thresholds, 'approval_rate')}
        format={(v) => `${(100 * v).toFixed(0)}%`}
      />
      {hasPerformance ? (
        <TimeSeriesChart
          title="Performance where outcomes exist (AUC, Gini, KS)"
          data={mergeRows([pivotByWindow(rows, 'auc', () => 'auc'), pivotByWindow(rows, 'gini', () => 'gini'), pivotByWindow(rows, 'ks', () => 'ks')])}
          series={[
            { key: 'auc', label: 'AUC' },
            { key: 'gini', label: 'Gini = 2·AUC − 1' },
            { key: 'ks', label: 'KS' },
          ]}
          thresholds={thresholdLines(data.thresholds, 'auc')}
        />
      ) : (
        <p className="notice">
          No performance figures yet: outcomes (e.g. defaults) arrive months after a decision, and none are recorded for this version's
          decisions.
        </p>
      )}
    </div>
  );
}

function mergeRows(tables: Record<string, string | number | null>[][]): Record<string, string | number | null>[] {
  const byWindow = new Map<string, Record<string, string | number | null>>();
  for (const row of tables.flat()) {
    const key = String(row.window);
    byWindow.set(key, { ...(byWindow.get(key) ?? {}), ...row });
  }
  return [...byWindow.values()].sort((a, b) => String(a.window).localeCompare(String(b.window)));
}
