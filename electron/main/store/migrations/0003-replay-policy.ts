import type { Migration } from '../migration';

/**
 * Replay (docs/replay.md): a workspace-level tolerance override per model version (the registry tag stays the
 * default; an override records who changed it, when and why), and one row per batch replay with its filters,
 * counts, runtime fingerprint and tolerance, so a batch can be shown and cited as a whole.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'replay-policy',
  up(db) {
    db.exec(`
      CREATE TABLE replay_tolerance (
        model_version_id INTEGER PRIMARY KEY REFERENCES model_version (id),
        atol REAL NOT NULL CHECK (atol >= 0),
        rtol REAL NOT NULL CHECK (rtol >= 0),
        reason TEXT NOT NULL,
        set_at TEXT NOT NULL,
        set_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE replay_batch (
        id TEXT PRIMARY KEY,
        model_version_id INTEGER NOT NULL REFERENCES model_version (id),
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        filters_json TEXT NOT NULL,
        total INTEGER NOT NULL,
        counts_json TEXT NOT NULL,
        tolerance_json TEXT NOT NULL,
        runtime_json TEXT NOT NULL,
        artifact_sha256 TEXT NOT NULL
      ) STRICT;
      CREATE INDEX replay_batch_version ON replay_batch (model_version_id, started_at);

      CREATE INDEX replay_batch_id ON replay (batch_id);
      CREATE INDEX replay_version_time ON replay (model_version_id, started_at);
    `);
  },
};
