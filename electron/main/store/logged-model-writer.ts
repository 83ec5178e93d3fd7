import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { LoggedModelRecord } from '../../../shared/schemas/bundle';
import { canonicalJson } from '../core/hashing';
import { type HistoryWrite, writeScd2State } from './scd2-state';

const IdRow = z.object({ id: z.number().int() });

/**
 * Writes MLflow 3 logged models of one snapshot: what never changes once logged (id, name, experiment, source run,
 * artifact location, type, creation time) once, with the snapshot that first brought it; status, tags, params and
 * metrics as SCD-2 state. Logged models are not retired by a snapshot that lacks them: a sync reads only those its
 * versions and runs lead to (docs/mlflow-sync.md).
 */
export class LoggedModelWriter {
  /** Logged models whose state changed (new ones included). */
  changed = 0;
  private readonly history: HistoryWrite;

  constructor(
    private readonly db: Database.Database,
    snapshotId: number,
    observedAt: string,
  ) {
    this.history = { db, snapshotId, observedAt };
  }

  /** Record a logged model as observed. */
  write(record: LoggedModelRecord): void {
    this.db
      .prepare(
        `INSERT INTO logged_model (mlflow_model_id, name, experiment_id, source_run_id, artifact_uri, model_type, created_at, first_snapshot_id)
         VALUES (:modelId, :name, :experimentId, :sourceRunId, :artifactUri, :modelType, :createdAt, :snapshotId) ON CONFLICT (mlflow_model_id) DO NOTHING`,
      )
      .run({
        modelId: record.modelId,
        name: record.name,
        experimentId: record.experimentId ?? null,
        sourceRunId: record.sourceRunId ?? null,
        artifactUri: record.artifactUri ?? null,
        modelType: record.modelType ?? null,
        createdAt: record.createdAt,
        snapshotId: this.history.snapshotId,
      });
    const { id } = IdRow.parse(this.db.prepare('SELECT id FROM logged_model WHERE mlflow_model_id = ?').get(record.modelId));
    const state = {
      status: record.status ?? null,
      status_message: record.statusMessage ?? null,
      updated_at: record.updatedAt ?? null,
      tags_json: canonicalJson(record.tags),
      params_json: canonicalJson(record.params),
      metrics_json: canonicalJson(record.metrics),
    };
    if (writeScd2State(this.history, 'logged_model_state', 'logged_model_id', id, state, `logged model ${record.modelId}`)) this.changed += 1;
  }
}
