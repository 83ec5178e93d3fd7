import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion, migrate } from '../../../electron/main/store/migrate';
import { migrations } from '../../../electron/main/store/migrations';
import { insertModelVersion, insertSnapshot } from '../../support/governance-workspace';
import { makeTempDir } from '../../support/temp';

describe('migration 8 (MLflow 3 logged models)', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('adds logged models with SCD-2 state and the version → logged model link, keeping recorded versions', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const db = new Database(join(t.dir, 'attest.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.filter((m) => m.version < 8));
    const snapshot = insertSnapshot(db);
    const mv = insertModelVersion(db, snapshot, 'credit-pd', '1', { runId: 'r1' });
    expect(migrate(db)).toBe(8);
    expect(latestSchemaVersion()).toBe(8);
    // Versions recorded before MLflow 3 support keep their rows; their logged model is unknown.
    expect(db.prepare('SELECT source_run_id, mlflow_model_id FROM model_version WHERE id = ?').get(mv)).toEqual({ source_run_id: 'r1', mlflow_model_id: null });
    const lm = Number(
      db
        .prepare(`INSERT INTO logged_model (mlflow_model_id, name, source_run_id, created_at, first_snapshot_id) VALUES ('m-1', 'model', 'r1', '2026-01-01T00:00:00.000Z', ?)`)
        .run(snapshot).lastInsertRowid,
    );
    db.prepare(`INSERT INTO logged_model_state (logged_model_id, snapshot_id, valid_from, status) VALUES (?, ?, '2026-01-01T00:00:00.000Z', 'LOGGED_MODEL_READY')`).run(lm, snapshot);
    expect(db.prepare('SELECT tags_json, params_json, metrics_json FROM logged_model_state').get()).toEqual({ tags_json: '{}', params_json: '{}', metrics_json: '[]' });
    // One row per MLflow id; state rows must name a logged model.
    expect(() => db.prepare(`INSERT INTO logged_model (mlflow_model_id, name, created_at, first_snapshot_id) VALUES ('m-1', 'x', 'now', ?)`).run(snapshot)).toThrow(/UNIQUE/);
    expect(() => db.prepare(`INSERT INTO logged_model_state (logged_model_id, snapshot_id, valid_from) VALUES (999, ?, 'now')`).run(snapshot)).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
