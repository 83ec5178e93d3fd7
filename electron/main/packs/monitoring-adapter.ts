import type Database from 'better-sqlite3';
import type { FairnessResultRow, MonitoringResultRow } from '../../../shared/schemas/monitoring';
import { listFairnessResults, listMonitoringResults } from '../governance/monitoring-repo';
import type { FairnessPoint, MonitoringPoint, MonitoringSource } from './source-types';
import { hasTable } from './store/sql';

const STATUS = { green: 'ok', amber: 'warn', red: 'breach' } as const;

/**
 * Month windows give the monitoring time series; the whole-period window gives one fairness table. Fall back
 * to whatever windows were computed.
 */
function preferKind<T extends { windowKind: string }>(rows: T[], kind: string): T[] {
  const chosen = rows.filter((r) => r.windowKind === kind);
  return chosen.length > 0 ? chosen : rows;
}

function toPoint(r: MonitoringResultRow & { value: number }): MonitoringPoint {
  return {
    metric: r.metric,
    segment: r.feature ?? r.segment,
    value: r.value,
    threshold: r.thresholdAlert ?? r.thresholdWarn,
    windowStart: r.windowStart,
    windowEnd: r.windowEnd,
    computedAt: r.computedAt,
    status: r.band === null ? null : STATUS[r.band],
    provenance: { table: 'monitoring_result', rowId: String(r.id), recordedAt: r.computedAt, snapshotSha256: null },
  };
}

function toFairness(r: FairnessResultRow & { value: number }): FairnessPoint {
  return {
    metric: r.metric,
    attribute: r.attribute,
    group: r.group,
    referenceGroup: r.referenceGroup,
    value: r.value,
    threshold: r.threshold,
    computedAt: r.computedAt,
    provenance: { table: 'fairness_result', rowId: String(r.id), recordedAt: r.computedAt, snapshotSha256: null },
  };
}

/**
 * Monitoring results as the governance module stores them. No computation at all → null (the packs print
 * "monitoring has not been run"); rows computed after the as-of date are left out; metrics whose value could
 * not be computed (null) are left out rather than printed as zero.
 */
export function workspaceMonitoring(db: Database.Database): MonitoringSource {
  const ready = hasTable(db, 'monitoring_result') && hasTable(db, 'fairness_result');
  return {
    monitoring(modelVersionId, asOf) {
      if (!ready) return null;
      const rows = listMonitoringResults(db, modelVersionId);
      if (rows.length === 0) return null;
      return preferKind(rows.filter((r) => r.computedAt <= asOf), 'month')
        .filter((r): r is MonitoringResultRow & { value: number } => r.value !== null)
        .map(toPoint);
    },
    fairness(modelVersionId, asOf) {
      if (!ready) return null;
      const rows = listFairnessResults(db, modelVersionId);
      if (rows.length === 0) return null;
      return preferKind(rows.filter((r) => r.computedAt <= asOf), 'all')
        .filter((r): r is FairnessResultRow & { value: number } => r.value !== null)
        .map(toFairness);
    },
  };
}
