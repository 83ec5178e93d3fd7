import type Database from 'better-sqlite3';
import { z } from 'zod';
import {
  FairnessResultRow,
  MonitoringResultRow,
  MonitoringRun,
  type MonitoringSettings,
  type WindowKind,
} from '../../../shared/schemas/monitoring';
import type { MonitoringOutput } from './monitoring/compute';

/** What one computation stores. */
export interface SaveRunInput {
  modelVersionId: number;
  windowKind: WindowKind;
  computedAt: string;
  actor: string;
  referenceDatasetId: number | null;
  settings: MonitoringSettings;
  output: MonitoringOutput;
}

/** Store a computation and all its rows; returns the run id. Call inside a transaction. */
export function saveMonitoringRun(db: Database.Database, input: SaveRunInput): number {
  const runId = Number(
    db
      .prepare(
        `INSERT INTO monitoring_run (model_version_id, window_kind, computed_at, actor, reference_dataset_id, decision_count, settings_json, notes_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.modelVersionId, input.windowKind, input.computedAt, input.actor, input.referenceDatasetId, input.output.decisionCount, JSON.stringify(input.settings), JSON.stringify(input.output.notes))
      .lastInsertRowid,
  );
  const metric = db.prepare(
    `INSERT INTO monitoring_result (run_id, metric, feature, segment, value, threshold_warn, threshold_alert, band, n, window_start, window_end, details_json)
     VALUES (@runId, @metric, @feature, @segment, @value, @thresholdWarn, @thresholdAlert, @band, @n, @start, @end, @detailsJson)`,
  );
  const fairness = db.prepare(
    `INSERT INTO fairness_result (run_id, metric, attribute, group_value, reference_group, value, threshold, flag, n, window_start, window_end, details_json)
     VALUES (@runId, @metric, @attribute, @group, @referenceGroup, @value, @threshold, @flag, @n, @start, @end, @detailsJson)`,
  );
  for (const w of input.output.windows) {
    const common = { runId, start: w.start, end: w.end };
    for (const m of w.metrics) metric.run({ ...common, ...m, detailsJson: JSON.stringify(m.details) });
    for (const f of w.fairness) fairness.run({ ...common, ...f, detailsJson: JSON.stringify(f.details) });
  }
  return runId;
}

const RunRow = z.object({
  id: z.number().int(),
  model_version_id: z.number().int(),
  window_kind: z.string(),
  computed_at: z.string(),
  actor: z.string(),
  decision_count: z.number().int(),
  notes_json: z.string(),
  dataset_name: z.string().nullable(),
});

/** The latest computation for a version (of one window kind, or of any). */
export function latestMonitoringRun(db: Database.Database, modelVersionId: number, windowKind?: WindowKind): MonitoringRun | null {
  const row = db
    .prepare(
      `SELECT r.*, d.name AS dataset_name FROM monitoring_run r LEFT JOIN dataset d ON d.id = r.reference_dataset_id
       WHERE r.model_version_id = ? AND (? IS NULL OR r.window_kind = ?) ORDER BY r.id DESC LIMIT 1`,
    )
    .get(modelVersionId, windowKind ?? null, windowKind ?? null);
  if (row === undefined) return null;
  const r = RunRow.parse(row);
  return MonitoringRun.parse({
    id: r.id, modelVersionId: r.model_version_id, windowKind: r.window_kind, computedAt: r.computed_at, actor: r.actor,
    referenceDataset: r.dataset_name, decisionCount: r.decision_count, notes: JSON.parse(r.notes_json) as unknown,
  });
}

// The latest run of each window kind: recomputing replaces what is current, older runs stay citable.
const LATEST_RUNS = `SELECT max(id) FROM monitoring_run WHERE model_version_id = :mv GROUP BY window_kind`;

/**
 * Current monitoring metrics of a model version: the rows of its latest computation of each window kind,
 * by window then metric then feature. This is what Pack A/B print as `monitoring_result`.
 */
export function listMonitoringResults(db: Database.Database, modelVersionId: number, windowKind?: WindowKind): MonitoringResultRow[] {
  const rows = db
    .prepare(
      `SELECT m.*, r.model_version_id, r.window_kind, r.computed_at FROM monitoring_result m JOIN monitoring_run r ON r.id = m.run_id
       WHERE m.run_id IN (${LATEST_RUNS}) AND (:kind IS NULL OR r.window_kind = :kind)
       ORDER BY r.window_kind, m.window_start, m.metric, m.feature, m.segment, m.id`,
    )
    .all({ mv: modelVersionId, kind: windowKind ?? null }) as Record<string, unknown>[];
  return rows.map((r) =>
    MonitoringResultRow.parse({
      id: r.id, runId: r.run_id, modelVersionId: r.model_version_id, metric: r.metric, feature: r.feature, segment: r.segment,
      value: r.value, thresholdWarn: r.threshold_warn, thresholdAlert: r.threshold_alert, band: r.band, n: r.n,
      windowKind: r.window_kind, windowStart: r.window_start, windowEnd: r.window_end, computedAt: r.computed_at,
      details: JSON.parse(String(r.details_json)) as unknown,
    }),
  );
}

/** Current fairness results of a model version (latest computation of each window kind): `fairness_result` in packs. */
export function listFairnessResults(db: Database.Database, modelVersionId: number, windowKind?: WindowKind): FairnessResultRow[] {
  const rows = db
    .prepare(
      `SELECT f.*, r.model_version_id, r.window_kind, r.computed_at FROM fairness_result f JOIN monitoring_run r ON r.id = f.run_id
       WHERE f.run_id IN (${LATEST_RUNS}) AND (:kind IS NULL OR r.window_kind = :kind)
       ORDER BY r.window_kind, f.window_start, f.attribute, f.group_value, f.metric, f.id`,
    )
    .all({ mv: modelVersionId, kind: windowKind ?? null }) as Record<string, unknown>[];
  return rows.map((r) =>
    FairnessResultRow.parse({
      id: r.id, runId: r.run_id, modelVersionId: r.model_version_id, metric: r.metric, attribute: r.attribute, group: r.group_value,
      referenceGroup: r.reference_group, value: r.value, threshold: r.threshold, flag: r.flag, n: r.n, windowKind: r.window_kind,
      windowStart: r.window_start, windowEnd: r.window_end, computedAt: r.computed_at, details: JSON.parse(String(r.details_json)) as unknown,
    }),
  );
}
