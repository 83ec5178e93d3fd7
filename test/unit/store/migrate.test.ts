import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ATTEST_APPLICATION_ID, openDatabase } from '../../../electron/main/store/connection';
import { latestSchemaVersion } from '../../../electron/main/store/migrate';
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
});
