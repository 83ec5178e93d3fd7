import type { Migration } from '../migration';

/**
 * The first schema: registry, lineage, decision log, snapshots, artifacts, replays, packs, attestations,
 * append-only audit log.
 *
 * History model (docs/history.md): every import is a `snapshot` with the time its source state was observed.
 * Mutable registry state lives in `*_state` / `alias_assignment` rows with `valid_from` / `valid_to`
 * (observed times, ISO 8601 UTC with milliseconds, so they sort as text); `valid_to IS NULL` is current.
 * Facts that never change once recorded (params, metric points, datasets, lineage events, decisions) are
 * stored once with the snapshot that first brought them.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE snapshot (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('bundle', 'mlflow-export', 'mlflow-live', 'openlineage', 'return-bundle')),
        source TEXT NOT NULL,
        label TEXT NOT NULL,
        sequence INTEGER,
        observed_at TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        content_sha256 TEXT NOT NULL UNIQUE,
        verification TEXT NOT NULL CHECK (verification IN ('verified', 'unverified', 'not-signed-source')),
        signer_key_id TEXT,
        manifest_json TEXT,
        stats_json TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX snapshot_observed ON snapshot (observed_at);

      CREATE TABLE registered_model (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        first_snapshot_id INTEGER NOT NULL REFERENCES snapshot (id)
      ) STRICT;

      CREATE TABLE registered_model_state (
        id INTEGER PRIMARY KEY,
        model_id INTEGER NOT NULL REFERENCES registered_model (id),
        snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
        ended_snapshot_id INTEGER REFERENCES snapshot (id),
        valid_from TEXT NOT NULL,
        valid_to TEXT,
        description TEXT,
        owner TEXT,
        use_case TEXT,
        risk_tier TEXT,
        last_validated_at TEXT,
        next_validation_due TEXT,
        updated_at TEXT,
        tags_json TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX registered_model_state_current ON registered_model_state (model_id, valid_to);

      CREATE TABLE model_version (
        id INTEGER PRIMARY KEY,
        model_id INTEGER NOT NULL REFERENCES registered_model (id),
        version TEXT NOT NULL,
        created_at TEXT NOT NULL,
        source_run_id TEXT,
        artifact_uri TEXT,
        artifact_sha256 TEXT,
        framework TEXT,
        onnx_opset INTEGER,
        signature_json TEXT,
        first_snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
        UNIQUE (model_id, version)
      ) STRICT;
      CREATE INDEX model_version_run ON model_version (source_run_id);

      CREATE TABLE model_version_state (
        id INTEGER PRIMARY KEY,
        model_version_id INTEGER NOT NULL REFERENCES model_version (id),
        snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
        ended_snapshot_id INTEGER REFERENCES snapshot (id),
        valid_from TEXT NOT NULL,
        valid_to TEXT,
        stage TEXT,
        status TEXT,
        description TEXT,
        updated_at TEXT,
        tags_json TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX model_version_state_current ON model_version_state (model_version_id, valid_to);

      CREATE TABLE alias_assignment (
        id INTEGER PRIMARY KEY,
        model_id INTEGER NOT NULL REFERENCES registered_model (id),
        alias TEXT NOT NULL,
        model_version_id INTEGER NOT NULL REFERENCES model_version (id),
        snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
        ended_snapshot_id INTEGER REFERENCES snapshot (id),
        valid_from TEXT NOT NULL,
        valid_to TEXT
      ) STRICT;
      CREATE INDEX alias_assignment_current ON alias_assignment (model_id, alias, valid_to);

      CREATE TABLE run (
        run_id TEXT PRIMARY KEY,
        experiment_id TEXT,
        run_name TEXT,
        user_id TEXT,
        status TEXT,
        start_time TEXT,
        end_time TEXT,
        artifact_uri TEXT,
        first_snapshot_id INTEGER NOT NULL REFERENCES snapshot (id)
      ) STRICT;

      CREATE TABLE run_param (
        run_id TEXT NOT NULL REFERENCES run (run_id),
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (run_id, key)
      ) STRICT;

      CREATE TABLE run_metric (
        run_id TEXT NOT NULL REFERENCES run (run_id),
        key TEXT NOT NULL,
        value REAL,
        value_text TEXT,
        timestamp TEXT NOT NULL,
        step INTEGER NOT NULL DEFAULT 0,
        first_snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
        PRIMARY KEY (run_id, key, timestamp, step)
      ) STRICT;

      CREATE TABLE run_tag (
        run_id TEXT NOT NULL REFERENCES run (run_id),
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        first_snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
        PRIMARY KEY (run_id, key, value)
      ) STRICT;

      CREATE TABLE dataset (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        digest TEXT NOT NULL,
        source_type TEXT,
        source TEXT,
        schema_json TEXT,
        profile_json TEXT,
        first_snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
        UNIQUE (name, digest)
      ) STRICT;

      CREATE TABLE dataset_input (
        run_id TEXT NOT NULL REFERENCES run (run_id),
        dataset_id INTEGER NOT NULL REFERENCES dataset (id),
        context TEXT NOT NULL DEFAULT '',
        tags_json TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (run_id, dataset_id, context)
      ) STRICT;

      CREATE TABLE lineage_event (
        id INTEGER PRIMARY KEY,
        snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
        event_sha256 TEXT NOT NULL UNIQUE,
        event_kind TEXT NOT NULL CHECK (event_kind IN ('run', 'job', 'dataset')),
        event_type TEXT,
        event_time TEXT NOT NULL,
        run_uuid TEXT,
        job_namespace TEXT,
        job_name TEXT,
        producer TEXT,
        schema_url TEXT,
        raw_json TEXT NOT NULL
      ) STRICT;
      CREATE INDEX lineage_event_run ON lineage_event (run_uuid);

      CREATE TABLE lineage_job (
        id INTEGER PRIMARY KEY,
        namespace TEXT NOT NULL,
        name TEXT NOT NULL,
        facets_json TEXT NOT NULL DEFAULT '{}',
        UNIQUE (namespace, name)
      ) STRICT;

      CREATE TABLE lineage_run (
        run_uuid TEXT PRIMARY KEY,
        job_id INTEGER NOT NULL REFERENCES lineage_job (id),
        parent_run_uuid TEXT,
        state TEXT,
        started_at TEXT,
        ended_at TEXT,
        mlflow_run_id TEXT,
        facets_json TEXT NOT NULL DEFAULT '{}'
      ) STRICT;

      CREATE TABLE lineage_dataset (
        id INTEGER PRIMARY KEY,
        namespace TEXT NOT NULL,
        name TEXT NOT NULL,
        facets_json TEXT NOT NULL DEFAULT '{}',
        UNIQUE (namespace, name)
      ) STRICT;

      -- Graph edges between typed nodes; node keys are '<type>:<natural key>' (docs/lineage.md).
      CREATE TABLE lineage_edge (
        id INTEGER PRIMARY KEY,
        from_node TEXT NOT NULL,
        to_node TEXT NOT NULL,
        edge_type TEXT NOT NULL,
        observed_at TEXT NOT NULL,
        snapshot_id INTEGER NOT NULL REFERENCES snapshot (id),
        UNIQUE (from_node, to_node, edge_type)
      ) STRICT;
      CREATE INDEX lineage_edge_to ON lineage_edge (to_node);

      CREATE TABLE decision (
        id INTEGER PRIMARY KEY,
        decision_uid TEXT NOT NULL UNIQUE,
        model_version_id INTEGER NOT NULL REFERENCES model_version (id),
        decided_at TEXT NOT NULL,
        request_id TEXT,
        inputs_json TEXT NOT NULL,
        outputs_json TEXT NOT NULL,
        decision TEXT,
        attributes_json TEXT NOT NULL DEFAULT '{}',
        snapshot_id INTEGER NOT NULL REFERENCES snapshot (id)
      ) STRICT;
      CREATE INDEX decision_version_time ON decision (model_version_id, decided_at);
      CREATE INDEX decision_request ON decision (request_id);

      CREATE TABLE decision_outcome (
        decision_id INTEGER PRIMARY KEY REFERENCES decision (id),
        outcome TEXT NOT NULL,
        observed_at TEXT NOT NULL,
        snapshot_id INTEGER NOT NULL REFERENCES snapshot (id)
      ) STRICT;

      CREATE TABLE artifact (
        sha256 TEXT PRIMARY KEY,
        size_bytes INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        original_name TEXT,
        first_snapshot_id INTEGER NOT NULL REFERENCES snapshot (id)
      ) STRICT;

      CREATE TABLE replay (
        id INTEGER PRIMARY KEY,
        decision_id INTEGER REFERENCES decision (id),
        model_version_id INTEGER NOT NULL REFERENCES model_version (id),
        batch_id TEXT,
        started_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        verdict TEXT NOT NULL,
        max_abs_diff REAL,
        max_rel_diff REAL,
        tolerance_json TEXT NOT NULL,
        runtime_json TEXT NOT NULL,
        recorded_outputs_json TEXT,
        replayed_outputs_json TEXT,
        recorded_decision TEXT,
        replayed_decision TEXT,
        reason_codes_json TEXT,
        artifact_sha256 TEXT
      ) STRICT;
      CREATE INDEX replay_decision ON replay (decision_id);

      CREATE TABLE pack (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        model_version_id INTEGER REFERENCES model_version (id),
        decision_id INTEGER REFERENCES decision (id),
        as_of TEXT NOT NULL,
        created_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        file_name TEXT NOT NULL,
        pdf_sha256 TEXT NOT NULL,
        sidecar_sha256 TEXT NOT NULL,
        gap_count INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE attestation (
        id INTEGER PRIMARY KEY,
        attestation_uid TEXT NOT NULL UNIQUE,
        scope TEXT NOT NULL CHECK (scope IN ('model_version', 'pack')),
        model_name TEXT,
        model_version TEXT,
        pack_id TEXT,
        role TEXT NOT NULL CHECK (role IN ('owner', 'validator', 'compliance', 'auditor')),
        decision TEXT NOT NULL CHECK (decision IN ('approve', 'reject', 'approve-with-conditions')),
        comment TEXT NOT NULL DEFAULT '',
        actor TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT 'local',
        snapshot_id INTEGER REFERENCES snapshot (id)
      ) STRICT;

      CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- Tamper-evident: each row carries the hash of the previous one (docs/audit-log.md).
      CREATE TABLE audit_event (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        action TEXT NOT NULL,
        object_type TEXT,
        object_id TEXT,
        details_json TEXT NOT NULL DEFAULT '{}',
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;

      CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
      BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
      CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
      BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
      CREATE TRIGGER attestation_no_update BEFORE UPDATE ON attestation
      BEGIN SELECT RAISE(ABORT, 'attestation is append-only'); END;
      CREATE TRIGGER attestation_no_delete BEFORE DELETE ON attestation
      BEGIN SELECT RAISE(ABORT, 'attestation is append-only'); END;
    `);
  },
};
