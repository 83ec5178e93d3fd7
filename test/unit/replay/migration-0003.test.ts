import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/main/store/migrate';
import { migrations } from '../../../electron/main/store/migrations';
import { migration0003 } from '../../../electron/main/store/migrations/0003-replay-policy';
import { makeTempDir } from '../../support/temp';

describe('migration 3: replay policy', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('upgrades a version-2 database, keeping its replays, and adds the tolerance and batch tables', () => {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    const db = new Database(join(temp.dir, 'attest.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.filter((m) => m.version < 3));
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.exec(`INSERT INTO snapshot (kind, source, label, observed_at, imported_at, imported_by, content_sha256, verification)
             VALUES ('bundle', 's', 'l', 't', 't', 'u', 'h', 'verified');
             INSERT INTO registered_model (name, created_at, first_snapshot_id) VALUES ('m', 't', 1);
             INSERT INTO model_version (model_id, version, created_at, first_snapshot_id) VALUES (1, '1', 't', 1);
             INSERT INTO replay (model_version_id, started_at, actor, verdict, tolerance_json, runtime_json) VALUES (1, 't', 'u', 'identical', '{}', '{}');`);
    migrate(db, migrations.filter((m) => m.version <= migration0003.version));
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare('SELECT count(*) AS n FROM replay').get()).toEqual({ n: 1 });
    db.prepare(`INSERT INTO replay_tolerance (model_version_id, atol, rtol, reason, set_at, set_by) VALUES (1, 1e-5, 1e-4, 'r', 't', 'u')`).run();
    expect(() => db.prepare(`UPDATE replay_tolerance SET atol = -1`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO replay_tolerance (model_version_id, atol, rtol, reason, set_at, set_by) VALUES (99, 0, 0, 'r', 't', 'u')`).run()).toThrow(/FOREIGN KEY/);
    const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'replay%' ORDER BY name`).all();
    expect(tables).toEqual([{ name: 'replay' }, { name: 'replay_batch' }, { name: 'replay_tolerance' }]);
    db.close();
  });
});
