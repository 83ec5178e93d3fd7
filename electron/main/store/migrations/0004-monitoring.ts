import type { Migration } from '../migration';

/**
 * Monitoring analytics (docs/monitoring.md): one `monitoring_run` per computation, its per-window metric rows
 * (`monitoring_result`) and fairness rows (`fairness_result`), and per-model thresholds and settings.
 * Results are kept, not replaced, so a pack that cited a row id can still show it.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'monitoring',
  up(db) {
    db.exec(`
      CREATE TABLE monitoring_run (
        id INTEGER PRIMARY KEY,
        model_version_id INTEGER NOT NULL REFERENCES model_version (id),
        window_kind TEXT NOT NULL CHECK (window_kind IN ('month', 'quarter', 'all')),
        computed_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        reference_dataset_id INTEGER REFERENCES dataset (id),
        decision_count INTEGER NOT NULL,
        settings_json TEXT NOT NULL,
        notes_json TEXT NOT NULL DEFAULT '[]'
      ) STRICT;
      CREATE INDEX monitoring_run_version ON monitoring_run (model_version_id, window_kind, id);

      CREATE TABLE monitoring_result (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES monitoring_run (id),
        metric TEXT NOT NULL,
        feature TEXT,
        segment TEXT,
        value REAL,
        threshold_warn REAL,
        threshold_alert REAL,
        band TEXT CHECK (band IN ('green', 'amber', 'red')),
        n INTEGER NOT NULL,
        window_start TEXT NOT NULL,
        window_end TEXT NOT NULL,
        details_json TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX monitoring_result_run ON monitoring_result (run_id, window_start, metric);

      CREATE TABLE fairness_result (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES monitoring_run (id),
        metric TEXT NOT NULL,
        attribute TEXT NOT NULL,
        group_value TEXT NOT NULL,
        reference_group TEXT NOT NULL,
        value REAL,
        threshold REAL,
        flag TEXT NOT NULL CHECK (flag IN ('ok', 'adverse', 'small-sample', 'undefined')),
        n INTEGER NOT NULL,
        window_start TEXT NOT NULL,
        window_end TEXT NOT NULL,
        details_json TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX fairness_result_run ON fairness_result (run_id, window_start, attribute);

      CREATE TABLE monitoring_threshold (
        model_name TEXT NOT NULL,
        metric TEXT NOT NULL,
        warn REAL,
        alert REAL NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (model_name, metric)
      ) STRICT;

      CREATE TABLE monitoring_setting (
        model_name TEXT PRIMARY KEY,
        settings_json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
