import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion, migrate } from '../../../electron/main/store/migrate';
import { migrations } from '../../../electron/main/store/migrations';
import { insertModelVersion, insertSnapshot } from '../../support/governance-workspace';
import { makeTempDir } from '../../support/temp';

describe('migration 7 (MLmodel facts)', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('adds the MLmodel columns to model_version, keeping its rows (unknown for versions already recorded)', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const db = new Database(join(t.dir, 'attest.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.filter((m) => m.version < 7));
    const mv = insertModelVersion(db, insertSnapshot(db), 'credit-pd', '1');
    expect(migrate(db)).toBe(latestSchemaVersion());
    expect(db.prepare('SELECT mlmodel_sha256, mlmodel_json FROM model_version WHERE id = ?').get(mv)).toEqual({ mlmodel_sha256: null, mlmodel_json: null });
    const columns = db.prepare(`SELECT name, type FROM pragma_table_info('model_version') WHERE name LIKE 'mlmodel%' ORDER BY name`).all();
    expect(columns).toEqual([
      { name: 'mlmodel_json', type: 'TEXT' },
      { name: 'mlmodel_sha256', type: 'TEXT' },
    ]);
    db.close();
  });
});
