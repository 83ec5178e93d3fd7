import type { Migration } from '../migration';

/** Every column of the `replay` relation, in the order readers (`SELECT r.*`) have always seen them. */
const REPLAY_COLUMNS = `id, decision_id, model_version_id, batch_id, started_at, actor, verdict, max_abs_diff, max_rel_diff,
  tolerance_json, runtime_json, recorded_outputs_json, replayed_outputs_json, recorded_decision, replayed_decision,
  reason_codes_json, artifact_sha256`;

/**
 * Replay rows without the batch's constants (docs/replay.md, "Stored"). Until now every decision of a batch
 * repeated its batch's tolerance, runtime fingerprint, artifact hash, start time and actor, plus a copy of the
 * decision's logged outputs: about two thirds of each row, and most of the time a batch spent storing.
 *
 * `replay_entry` holds both kinds of row. A single replay (model_version_id set) carries everything itself, as
 * before. A batch row (model_version_id NULL) carries only what differs per decision; the rest comes from its
 * `replay_batch` row and the decision. The view `replay` joins them back into the relation every reader knows,
 * with the same columns and values. A batch's rows are written while it runs and become visible only when its
 * `replay_batch` row is stored (the view joins on it); `replay_batch_pending` names batches still being
 * written, so rows left by a crash or a cancel are found and deleted without scanning the table.
 *
 * Existing batch rows become slim only where the batch row and the decision reproduce every dropped value
 * exactly; any other row keeps its own copy, so the view returns exactly what the table held.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'replay-entries',
  up(db) {
    db.exec(`
      CREATE TABLE replay_entry (
        id INTEGER PRIMARY KEY,
        decision_id INTEGER REFERENCES decision (id),
        model_version_id INTEGER REFERENCES model_version (id),
        batch_id TEXT,
        started_at TEXT,
        actor TEXT,
        verdict TEXT NOT NULL,
        max_abs_diff REAL,
        max_rel_diff REAL,
        tolerance_json TEXT,
        runtime_json TEXT,
        recorded_outputs_json TEXT,
        replayed_outputs_json TEXT,
        recorded_decision TEXT,
        replayed_decision TEXT,
        reason_codes_json TEXT,
        artifact_sha256 TEXT,
        CHECK (model_version_id IS NOT NULL OR (batch_id IS NOT NULL AND decision_id IS NOT NULL)),
        CHECK (model_version_id IS NULL OR (started_at IS NOT NULL AND actor IS NOT NULL AND tolerance_json IS NOT NULL AND runtime_json IS NOT NULL))
      ) STRICT;

      INSERT INTO replay_entry (${REPLAY_COLUMNS}) SELECT ${REPLAY_COLUMNS} FROM replay ORDER BY id;

      UPDATE replay_entry SET model_version_id = NULL, started_at = NULL, actor = NULL, tolerance_json = NULL,
          runtime_json = NULL, recorded_outputs_json = NULL, artifact_sha256 = NULL
        WHERE batch_id IS NOT NULL AND decision_id IS NOT NULL AND reason_codes_json IS NULL
          AND EXISTS (SELECT 1 FROM replay_batch b WHERE b.id = replay_entry.batch_id
            AND b.model_version_id = replay_entry.model_version_id AND b.started_at = replay_entry.started_at
            AND b.actor = replay_entry.actor AND b.tolerance_json = replay_entry.tolerance_json
            AND b.runtime_json = replay_entry.runtime_json AND b.artifact_sha256 IS replay_entry.artifact_sha256)
          AND replay_entry.recorded_outputs_json IS (SELECT json(d.outputs_json) FROM decision d WHERE d.id = replay_entry.decision_id);

      DROP TABLE replay;

      CREATE INDEX replay_entry_decision ON replay_entry (decision_id);
      CREATE INDEX replay_entry_batch ON replay_entry (batch_id) WHERE batch_id IS NOT NULL;
      CREATE INDEX replay_entry_version_time ON replay_entry (model_version_id, started_at) WHERE model_version_id IS NOT NULL;

      CREATE TABLE replay_batch_pending (
        id TEXT PRIMARY KEY,
        started_at TEXT NOT NULL
      ) STRICT;

      CREATE VIEW replay (${REPLAY_COLUMNS}) AS
        SELECT ${REPLAY_COLUMNS} FROM replay_entry WHERE model_version_id IS NOT NULL
        UNION ALL
        SELECT e.id, e.decision_id, b.model_version_id, e.batch_id, b.started_at, b.actor, e.verdict, e.max_abs_diff,
          e.max_rel_diff, b.tolerance_json, b.runtime_json, json(d.outputs_json), e.replayed_outputs_json,
          e.recorded_decision, e.replayed_decision, NULL, b.artifact_sha256
        FROM replay_entry e JOIN replay_batch b ON b.id = e.batch_id JOIN decision d ON d.id = e.decision_id
        WHERE e.model_version_id IS NULL;
    `);
  },
};
