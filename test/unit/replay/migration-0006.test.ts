import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/main/store/migrate';
import { migrations } from '../../../electron/main/store/migrations';
import { migration0006 } from '../../../electron/main/store/migrations/0006-replay-entries';
import { makeTempDir } from '../../support/temp';

// How version 5 stored a batch chunk (electron/main/store/replay-repo.ts before migration 6): every row carried
// the batch's constants and the logged outputs as SQLite renders them. Kept here to build a real version-5 file.
const V5_BATCH_INSERT = `INSERT INTO replay (decision_id, model_version_id, batch_id, started_at, actor, verdict, max_abs_diff, max_rel_diff,
    tolerance_json, runtime_json, recorded_outputs_json, replayed_outputs_json, recorded_decision, replayed_decision, reason_codes_json, artifact_sha256)
  SELECT r.value ->> 0, :modelVersionId, :batchId, :startedAt, :actor, r.value ->> 1, r.value ->> 2, r.value ->> 3,
    :tolerance, :runtime, r.value -> 4, r.value -> 5, r.value ->> 6, r.value ->> 7, NULL, :artifactSha256
  FROM json_each(:rows) r ORDER BY r.key`;

const TOLERANCE = '{"atol":0.000001,"rtol":0.00001,"source":"default"}';
const RUNTIME = '{"onnxruntime":"1.30.0","executionProvider":"cpu"}';
const SHA = 'a'.repeat(64);

function versionFiveWorkspace(db: Database.Database): void {
  migrate(db, migrations.filter((m) => m.version < 6));
  db.exec(`INSERT INTO snapshot (kind, source, label, observed_at, imported_at, imported_by, content_sha256, verification)
             VALUES ('bundle', 's', 'l', 't', 't', 'u', 'h', 'verified');
           INSERT INTO registered_model (name, created_at, first_snapshot_id) VALUES ('m', 't', 1);
           INSERT INTO model_version (model_id, version, created_at, first_snapshot_id) VALUES (1, '1', 't', 1);`);
  const decision = db.prepare(`INSERT INTO decision (decision_uid, model_version_id, decided_at, inputs_json, outputs_json, decision, snapshot_id)
                               VALUES (?, 1, '2026-01-01T00:00:00.000Z', '{"x": 1}', ?, ?, 1)`);
  // Logged with spaces and an exponent: the view must give back exactly what version 5 stored.
  decision.run('D-1', '{"pd": [0.25], "label" : "DECLINE"}', 'DECLINE');
  decision.run('D-2', '{"pd":[1.5e-3]}', null);
  decision.run('D-3', '{"pd":[0.5]}', 'APPROVE');
  db.prepare(`INSERT INTO replay_batch (id, model_version_id, started_at, finished_at, actor, filters_json, total, counts_json, tolerance_json, runtime_json, artifact_sha256)
              VALUES ('B-1', 1, '2026-02-01T00:00:00.000Z', '2026-02-01T00:00:01.000Z', 'alice', '{}', 3, '{}', ?, ?, ?)`).run(TOLERANCE, RUNTIME, SHA);
  // As version 5's writer built them: the logged text embedded as it was stored.
  const rows = `[[1,"identical",0,0,{"pd": [0.25], "label" : "DECLINE"},{"pd":[0.25],"label":"DECLINE"},"DECLINE","DECLINE"],
    [2,"within-tolerance",1e-9,1e-6,{"pd":[1.5e-3]},{"pd":[0.0015000001]},null,"APPROVE"]]`;
  db.prepare(V5_BATCH_INSERT).run({ modelVersionId: 1, batchId: 'B-1', startedAt: '2026-02-01T00:00:00.000Z', actor: 'alice', tolerance: TOLERANCE, runtime: RUNTIME, artifactSha256: SHA, rows });
  // A batch row that disagrees with its batch (written by hand, say): it must keep its own values.
  db.prepare(V5_BATCH_INSERT).run({ modelVersionId: 1, batchId: 'B-1', startedAt: '2026-02-01T00:00:00.000Z', actor: 'alice', tolerance: '{"atol":1}', runtime: RUNTIME, artifactSha256: SHA, rows: JSON.stringify([[3, 'identical', 0, 0, { pd: [0.5] }, { pd: [0.5] }, 'APPROVE', 'APPROVE']]) });
  db.prepare(`INSERT INTO replay (decision_id, model_version_id, started_at, actor, verdict, tolerance_json, runtime_json, recorded_outputs_json, replayed_outputs_json, reason_codes_json, artifact_sha256)
              VALUES (3, 1, '2026-03-01T00:00:00.000Z', 'bob', 'identical', ?, ?, '{"pd":[0.5]}', '{"pd":[0.5]}', '{"method":"linear-exact"}', ?)`).run(TOLERANCE, RUNTIME, SHA);
}

describe('migration 6: replay entries without the batch constants', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  function open(): Database.Database {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    const db = new Database(join(temp.dir, 'attest.db'));
    db.pragma('foreign_keys = ON');
    return db;
  }

  it('upgrades a version-5 database: every replay reads back exactly as before, batch rows slimmed where lossless', () => {
    const db = open();
    versionFiveWorkspace(db);
    const before = db.prepare('SELECT * FROM replay ORDER BY id').all();
    expect(before).toHaveLength(4);
    migrate(db, migrations.filter((m) => m.version <= migration0006.version));
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(db.prepare('SELECT * FROM replay ORDER BY id').all()).toEqual(before);
    const kinds = db.prepare('SELECT model_version_id IS NULL AS slim, count(*) AS n FROM replay_entry GROUP BY 1 ORDER BY 1').all();
    expect(kinds).toEqual([{ slim: 0, n: 2 }, { slim: 1, n: 2 }]);
    expect(db.prepare(`SELECT type FROM sqlite_schema WHERE name = 'replay'`).get()).toEqual({ type: 'view' });
    db.close();
  });

  it('keeps the rows of a batch without its batch row out of sight, and refuses rows that say nothing of their origin', () => {
    const db = open();
    versionFiveWorkspace(db);
    migrate(db, migrations.filter((m) => m.version <= migration0006.version));
    const count = () => (db.prepare('SELECT count(*) AS n FROM replay').get() as { n: number }).n;
    const visible = count();
    db.prepare(`INSERT INTO replay_entry (decision_id, batch_id, verdict) VALUES (1, 'B-pending', 'identical')`).run();
    expect(count()).toBe(visible);
    expect(() => db.prepare(`INSERT INTO replay_entry (decision_id, verdict) VALUES (1, 'identical')`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO replay_entry (batch_id, verdict) VALUES ('B-1', 'identical')`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO replay_entry (decision_id, model_version_id, verdict) VALUES (1, 1, 'identical')`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO replay_entry (decision_id, batch_id, verdict) VALUES (99, 'B-1', 'identical')`).run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('answers the readers’ queries through indexes, not scans of every replay', () => {
    const db = open();
    versionFiveWorkspace(db);
    migrate(db, migrations.filter((m) => m.version <= migration0006.version));
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT * FROM replay WHERE model_version_id = 1 AND started_at <= 'z'")).not.toMatch(/SCAN replay_entry/);
    expect(plan('SELECT * FROM replay WHERE decision_id = 1')).not.toMatch(/SCAN replay_entry/);
    expect(plan(`SELECT * FROM replay WHERE batch_id = 'B-1'`)).not.toMatch(/SCAN replay_entry/);
    db.close();
  });
});
