import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion, migrate } from '../../../electron/main/store/migrate';
import { migrations } from '../../../electron/main/store/migrations';
import { insertModelVersion, insertSnapshot } from '../../support/governance-workspace';
import { makeTempDir } from '../../support/temp';

describe('migration 4 (monitoring)', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('adds the monitoring tables to a version-3 database, keeping its data', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const db = new Database(join(t.dir, 'attest.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.filter((m) => m.version < 4));
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name = 'monitoring_result'`).get()).toEqual({ n: 0 });
    const mv = insertModelVersion(db, insertSnapshot(db), 'credit-pd', '1');
    expect(migrate(db)).toBe(latestSchemaVersion());
    const tables = db
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('monitoring_run', 'monitoring_result', 'fairness_result', 'monitoring_threshold', 'monitoring_setting') ORDER BY name`)
      .all();
    expect(tables).toHaveLength(5);
    db.prepare(`INSERT INTO monitoring_run (model_version_id, window_kind, computed_at, actor, decision_count, settings_json) VALUES (?, 'month', 't', 'u', 0, '{}')`).run(mv);
    expect(() => db.prepare(`INSERT INTO monitoring_run (model_version_id, window_kind, computed_at, actor, decision_count, settings_json) VALUES (?, 'week', 't', 'u', 0, '{}')`).run(mv)).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO monitoring_result (run_id, metric, n, window_start, window_end, band) VALUES (1, 'psi', 1, 'a', 'b', 'purple')`).run()).toThrow(/CHECK/);
    db.close();
  });
});
