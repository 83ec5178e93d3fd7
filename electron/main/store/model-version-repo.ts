import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { LabelPeriod, ModelVersionDetail } from '../../../shared/schemas/registry';
import { AttestError } from '../core/errors';
import { END_OF_TIME, validAt } from './as-of';
import { listInventory } from './inventory-repo';

const N = z.string().nullable();
const Period = z.object({ label: z.string().nullable(), version: z.string(), from: z.string(), to: N });
const JsonRecord = z.record(z.string(), z.string());

/**
 * One model version as the Model version screen shows it, as of `at` (null = now): registry fields,
 * alias and stage history up to then, its training run, datasets, and metrics of every version for comparison.
 * Artifact integrity is checked by the caller (it reads the file).
 */
export function readModelVersion(db: Database.Database, name: string, version: string, at: string | null, now: string): Omit<ModelVersionDetail, 'integrity'> {
  const model = listInventory(db, at, now).find((m) => m.name === name);
  const listed = model?.versions.find((v) => v.version === version);
  if (!model || !listed) {
    throw new AttestError('not-found', `No version ${version} of model "${name}" in the registry${at ? ` as of ${at}` : ''}.`, 'Pick a version from the Inventory.');
  }
  const params = { name, version, at: at ?? END_OF_TIME };
  const row = z
    .object({ id: z.number(), model_id: z.number(), description: N, artifact_uri: N, onnx_opset: z.number().nullable(), mlflow_model_id: N, signature_json: N, tags_json: z.string() })
    .parse(
      db
        .prepare(
          `SELECT v.id, v.model_id, s.description, v.artifact_uri, v.onnx_opset, v.mlflow_model_id, v.signature_json, s.tags_json
           FROM model_version v JOIN registered_model m ON m.id = v.model_id
           JOIN model_version_state s ON s.model_version_id = v.id AND ${validAt('s')}
           WHERE m.name = :name AND v.version = :version`,
        )
        .get(params),
    );
  const { versions: _versions, ...modelFields } = model;
  return {
    model: modelFields,
    version: {
      ...listed,
      description: row.description,
      artifactUri: row.artifact_uri,
      onnxOpset: row.onnx_opset,
      loggedModelId: row.mlflow_model_id,
      signature: row.signature_json === null ? null : (JSON.parse(row.signature_json) as unknown),
      tags: JsonRecord.parse(JSON.parse(row.tags_json)),
    },
    aliasHistory: periods(db, `SELECT a.alias AS label, v.version, a.valid_from AS "from", a.valid_to AS "to" FROM alias_assignment a JOIN model_version v ON v.id = a.model_version_id WHERE a.model_id = :modelId AND a.valid_from <= :at ORDER BY a.valid_from, a.alias`, { modelId: row.model_id, at: params.at }),
    stageHistory: periods(db, `SELECT s.stage AS label, :version AS version, s.valid_from AS "from", s.valid_to AS "to" FROM model_version_state s WHERE s.model_version_id = :id AND s.valid_from <= :at ORDER BY s.valid_from`, { id: row.id, version, at: params.at }),
    run: listed.sourceRunId ? readRun(db, listed.sourceRunId) : null,
    datasets: listed.sourceRunId ? readDatasets(db, listed.sourceRunId) : [],
    metricsByVersion: model.versions.map((v) => ({ version: v.version, metrics: v.sourceRunId ? latestMetrics(db, v.sourceRunId) : {} })),
  };
}

function periods(db: Database.Database, sql: string, params: Record<string, unknown>): LabelPeriod[] {
  return z
    .array(Period)
    .parse(db.prepare(sql).all(params))
    .map((p) => ({ label: p.label ?? '(no stage)', version: p.version, from: p.from, to: p.to }));
}

function readRun(db: Database.Database, runId: string): NonNullable<ModelVersionDetail['run']> | null {
  const run = z
    .object({ run_id: z.string(), run_name: N, user_id: N, start_time: N, end_time: N })
    .optional()
    .parse(db.prepare('SELECT run_id, run_name, user_id, start_time, end_time FROM run WHERE run_id = ?').get(runId));
  if (!run) return null;
  const params = z.array(z.object({ key: z.string(), value: z.string() })).parse(db.prepare('SELECT key, value FROM run_param WHERE run_id = ? ORDER BY key').all(runId));
  return {
    runId: run.run_id,
    runName: run.run_name,
    userId: run.user_id,
    startTime: run.start_time,
    endTime: run.end_time,
    params: Object.fromEntries(params.map((p) => [p.key, p.value])),
    metrics: latestMetrics(db, runId),
  };
}

/** The last logged value of each metric of a run (by timestamp, then step). */
function latestMetrics(db: Database.Database, runId: string): Record<string, number | null> {
  const rows = z.array(z.object({ key: z.string(), value: z.number().nullable() })).parse(
    db
      .prepare(
        `SELECT key, value FROM (
           SELECT key, value, row_number() OVER (PARTITION BY key ORDER BY timestamp DESC, step DESC) AS rn FROM run_metric WHERE run_id = ?
         ) WHERE rn = 1 ORDER BY key`,
      )
      .all(runId),
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

function readDatasets(db: Database.Database, runId: string): ModelVersionDetail['datasets'] {
  return z
    .array(z.object({ name: z.string(), digest: z.string(), source: N, context: z.string() }))
    .parse(
      db
        .prepare(`SELECT d.name, d.digest, d.source, i.context FROM dataset_input i JOIN dataset d ON d.id = i.dataset_id WHERE i.run_id = ? ORDER BY i.context, d.name`)
        .all(runId),
    );
}
