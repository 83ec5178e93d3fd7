import type { Migration } from '../migration';

/**
 * MLflow 3 logged models (docs/mlflow-sync.md): `logged_model` holds what never changes once logged (MLflow's
 * `m-…` id, name, experiment, source run, artifact location, type, creation time); `logged_model_state` is its
 * SCD-2 history (status, tags, params and metrics as MLflow showed them) for as-of queries, like
 * `model_version_state`. `model_version.mlflow_model_id` is the logged model a version was registered from, a fact
 * of the version like `source_run_id` (text, not a foreign key: the version may arrive without its logged model).
 */
export const migration0008: Migration = {
  version: 8,
  name: 'mlflow-logged-models',
  up(db) {
    db.exec(`
      CREATE TABLE logged_model (
        id INTEGER PRIMARY KEY,
        mlflow_model_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        experiment_id TEXT,
        source_run_id TEXT,
        artifact_uri TEXT,
        model_type TEXT,
        created_at TEXT NOT NULL,
        first_snapshot_id INTEGER NOT NULL REFERENCES snapshot (id)
      ) STRICT;
      CREATE INDEX logged_model_run ON logged_model (source_run_id);

      CREATE TABLE logged_model_state (
        id INTEGER PRIMARY KEY,
        logged_model_id INTEGER NOT NULL REFERENCES logged_model (id),
        snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
        ended_snapshot_id INTEGER REFERENCES snapshot (id),
        valid_from TEXT NOT NULL,
        valid_to TEXT,
        status TEXT,
        status_message TEXT,
        updated_at TEXT,
        tags_json TEXT NOT NULL DEFAULT '{}',
        params_json TEXT NOT NULL DEFAULT '{}',
        metrics_json TEXT NOT NULL DEFAULT '[]'
      ) STRICT;
      CREATE INDEX logged_model_state_current ON logged_model_state (logged_model_id, valid_to);

      ALTER TABLE model_version ADD COLUMN mlflow_model_id TEXT;
      CREATE INDEX model_version_logged_model ON model_version (mlflow_model_id);
    `);
  },
};
