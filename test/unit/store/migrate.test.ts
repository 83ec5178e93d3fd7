import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ATTEST_APPLICATION_ID, openDatabase } from '../../../electron/main/store/connection';
import { latestSchemaVersion, migrate } from '../../../electron/main/store/migrate';
import { migrations } from '../../../electron/main/store/migrations';
import { makeTempDir } from '../../support/temp';

describe('openDatabase', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  function tempPath(name: string): string {
    const t = makeTempDir();
    cleanup = t.cleanup;
    return join(t.dir, name);
  }

  it('creates a WAL database at the latest schema, marked as an Attest workspace', () => {
    const path = tempPath('attest.db');
    const db = openDatabase(path, { create: true });
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    expect(db.pragma('application_id', { simple: true })).toBe(ATTEST_APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('reopens an existing database without re-running migrations', () => {
    const path = tempPath('attest.db');
    openDatabase(path, { create: true }).close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    db.close();
  });

  it('refuses a file that is not a database, leaving it unchanged', () => {
    const path = tempPath('attest.db');
    writeFileSync(path, 'this is not sqlite, just text '.repeat(100));
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(/not an Attest workspace database/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("refuses another application's SQLite database, leaving it unchanged", () => {
    const path = tempPath('other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE notes (body TEXT)');
    other.close();
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(/not an Attest workspace/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a database written by a newer build, leaving it unchanged', () => {
    const path = tempPath('attest.db');
    openDatabase(path, { create: true }).close();
    const raw = new Database(path);
    raw.pragma('journal_mode = DELETE');
    raw.pragma(`user_version = ${latestSchemaVersion() + 5}`);
    raw.close();
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(/newer Attest/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('keeps the audit log append-only', () => {
    const path = tempPath('attest.db');
    const db = openDatabase(path, { create: true });
    db.prepare(
      `INSERT INTO audit_event (at, actor, actor_name, action, prev_hash, hash) VALUES ('t', 'u', 'U', 'a', 'p', 'h')`,
    ).run();
    expect(() => db.prepare(`UPDATE audit_event SET action = 'x'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM audit_event`).run()).toThrow(/append-only/);
    db.close();
  });

  describe('the record of applied schema steps', () => {
    /** Change a closed workspace database with a raw connection, leaving it in rollback-journal mode. */
    function tamper(path: string, sql: string): Buffer {
      const raw = new Database(path);
      raw.pragma('journal_mode = DELETE');
      raw.exec(sql);
      raw.close();
      return readFileSync(path);
    }

    it('records every step by version and name as it is applied', () => {
      const path = tempPath('attest.db');
      const db = openDatabase(path, { create: true });
      const rows = db.prepare('SELECT version, name, applied_at FROM schema_migration ORDER BY version').all() as { version: number; name: string; applied_at: string | null }[];
      expect(rows.map((r) => [r.version, r.name])).toEqual(migrations.map((m) => [m.version, m.name]));
      expect(rows.every((r) => r.applied_at !== null && !Number.isNaN(Date.parse(r.applied_at)))).toBe(true);
      db.close();
    });

    it('takes over the steps of a database migrated before the record was kept, from its schema version', () => {
      const path = tempPath('attest.db');
      const old = new Database(path);
      old.pragma(`application_id = ${ATTEST_APPLICATION_ID}`);
      migrate(old, migrations.slice(0, 5));
      old.exec('DROP TABLE schema_migration');
      old.close();
      const db = openDatabase(path);
      const rows = db.prepare('SELECT version, applied_at FROM schema_migration ORDER BY version').all() as { version: number; applied_at: string | null }[];
      expect(rows.slice(0, 5)).toEqual([1, 2, 3, 4, 5].map((version) => ({ version, applied_at: null })));
      expect(rows.slice(5).map((r) => r.version)).toEqual(migrations.slice(5).map((m) => m.version));
      expect(rows.slice(5).every((r) => r.applied_at !== null)).toBe(true);
      db.close();
    });

    it('refuses a database whose step has another name in this build, leaving it unchanged', () => {
      const path = tempPath('attest.db');
      openDatabase(path, { create: true }).close();
      const before = tamper(path, `UPDATE schema_migration SET name = 'someone-elses-step' WHERE version = 7`);
      expect(() => openDatabase(path)).toThrow(/migrated by a different build of Attest: its schema step 7 is "someone-elses-step", but this build's step 7 is "mlflow-model-facts"/);
      expect(readFileSync(path).equals(before)).toBe(true);
    });

    it('refuses a database that passed a lower step without applying it, leaving it unchanged', () => {
      const path = tempPath('attest.db');
      openDatabase(path, { create: true }).close();
      const before = tamper(path, 'DELETE FROM schema_migration WHERE version = 3');
      expect(() => openDatabase(path)).toThrow(/schema step 3 \("replay-policy"\) was never applied/);
      expect(readFileSync(path).equals(before)).toBe(true);
    });

    it('refuses a list of steps with a gap (a migration lost in a merge)', () => {
      const db = new Database(':memory:');
      expect(() => migrate(db, migrations.filter((m) => m.version !== 3))).toThrow(/numbered 1, 2, 3 … without gaps: found 4 in place 3/);
      expect(db.pragma('user_version', { simple: true })).toBe(0);
      db.close();
    });
  });
});
