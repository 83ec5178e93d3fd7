import type Database from 'better-sqlite3';
import { z } from 'zod';
import { DECISION_RULE_TAG, DatasetProfile, DecisionRule } from '../../../shared/schemas/bundle';
import { type MetricThreshold, MonitoringSettings } from '../../../shared/schemas/monitoring';
import type { Actor } from '../core/actor';
import { AttestError } from '../core/errors';
import { recordSettingChanged } from './audit-events';
import { effectiveThresholds } from './monitoring/thresholds';

/** A model version named by the user, resolved to its row. */
export interface ModelVersionRef {
  id: number;
  model: string;
  version: string;
}

/** Find a model version by name and version, or explain what exists. */
export function resolveModelVersion(db: Database.Database, model: string, version: string): ModelVersionRef {
  const row = db
    .prepare('SELECT mv.id FROM model_version mv JOIN registered_model rm ON rm.id = mv.model_id WHERE rm.name = ? AND mv.version = ?')
    .get(model, version) as { id: number } | undefined;
  if (!row) {
    throw new AttestError('not-found', `Model ${model} has no version ${version} in this workspace.`, 'Check the name and version with `attest models`.');
  }
  return { id: row.id, model, version };
}

/** The training reference and decision rule of a version, as far as the workspace knows them. */
export interface MonitoringReference {
  profile: DatasetProfile | null;
  datasetId: number | null;
  datasetName: string | null;
  rule: DecisionRule | null;
}

const DatasetRow = z.object({ id: z.number().int(), name: z.string(), profile_json: z.string() });

/**
 * The reference profile: the profiled dataset the version's training run used (context 'training' or
 * 'train' first), and the decision rule from the version's current tags.
 */
export function loadMonitoringReference(db: Database.Database, modelVersionId: number): MonitoringReference {
  const rows = db
    .prepare(
      `SELECT d.id, d.name, d.profile_json FROM model_version mv
       JOIN dataset_input di ON di.run_id = mv.source_run_id JOIN dataset d ON d.id = di.dataset_id
       WHERE mv.id = ? AND d.profile_json IS NOT NULL
       ORDER BY CASE lower(di.context) WHEN 'training' THEN 0 WHEN 'train' THEN 1 ELSE 2 END, d.id`,
    )
    .all(modelVersionId)
    .map((r) => DatasetRow.parse(r));
  let chosen: { id: number; name: string; profile: DatasetProfile } | null = null;
  for (const row of rows) {
    const parsed = DatasetProfile.safeParse(JSON.parse(row.profile_json));
    if (parsed.success) {
      chosen = { id: row.id, name: row.name, profile: parsed.data };
      break;
    }
  }
  return { profile: chosen?.profile ?? null, datasetId: chosen?.id ?? null, datasetName: chosen?.name ?? null, rule: decisionRuleOf(db, modelVersionId) };
}

function decisionRuleOf(db: Database.Database, modelVersionId: number): DecisionRule | null {
  const row = db
    .prepare('SELECT tags_json FROM model_version_state WHERE model_version_id = ? AND valid_to IS NULL ORDER BY id DESC LIMIT 1')
    .get(modelVersionId) as { tags_json: string } | undefined;
  if (!row) return null;
  const tags = z.record(z.string(), z.string()).safeParse(JSON.parse(row.tags_json));
  const text = tags.success ? tags.data[DECISION_RULE_TAG] : undefined;
  if (text === undefined) return null;
  try {
    const rule = DecisionRule.safeParse(JSON.parse(text));
    return rule.success ? rule.data : null;
  } catch {
    return null;
  }
}

const ThresholdRow = z.object({ metric: z.string(), warn: z.number().nullable(), alert: z.number() });

/** The thresholds in force for a model: defaults overridden by its configured rows. */
export function thresholdsFor(db: Database.Database, modelName: string): MetricThreshold[] {
  const rows = db.prepare('SELECT metric, warn, alert FROM monitoring_threshold WHERE model_name = ? ORDER BY metric').all(modelName);
  return effectiveThresholds(rows.map((r) => ThresholdRow.parse(r)));
}

/** The monitoring settings of a model (defaults when never configured). */
export function settingsFor(db: Database.Database, modelName: string): MonitoringSettings {
  const row = db.prepare('SELECT settings_json FROM monitoring_setting WHERE model_name = ?').get(modelName) as { settings_json: string } | undefined;
  return MonitoringSettings.parse(row ? JSON.parse(row.settings_json) : {});
}

/** Set thresholds and settings for a model, recording each change as 'setting changed', in one transaction. */
export function configureMonitoring(
  db: Database.Database,
  actor: Actor,
  at: string,
  model: string,
  change: { thresholds: { metric: string; warn: number | null; alert: number }[]; settings?: MonitoringSettings },
): void {
  db.transaction(() => {
    for (const t of change.thresholds) {
      if (t.warn !== null && t.metric.match(/^(psi|csi|score_ks_drift)$/) && t.warn > t.alert) {
        throw new AttestError('bad-input', `For ${t.metric} the warning level (${t.warn}) must not exceed the alert level (${t.alert}).`, 'Give --warn ≤ --alert.');
      }
      const before = thresholdsFor(db, model).find((x) => x.metric === t.metric) ?? null;
      db.prepare(
        `INSERT INTO monitoring_threshold (model_name, metric, warn, alert, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (model_name, metric) DO UPDATE SET warn = excluded.warn, alert = excluded.alert, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ).run(model, t.metric, t.warn, t.alert, at, actor.user);
      recordSettingChanged(db, actor, at, `monitoring.threshold.${model}.${t.metric}`, before && { warn: before.warn, alert: before.alert }, { warn: t.warn, alert: t.alert });
    }
    if (change.settings) {
      const before = settingsFor(db, model);
      db.prepare(
        `INSERT INTO monitoring_setting (model_name, settings_json, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (model_name) DO UPDATE SET settings_json = excluded.settings_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ).run(model, JSON.stringify(change.settings), at, actor.user);
      recordSettingChanged(db, actor, at, `monitoring.settings.${model}`, before, change.settings);
    }
  })();
}
