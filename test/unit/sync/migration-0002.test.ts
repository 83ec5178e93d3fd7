import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion, migrate } from '../../../electron/main/store/migrate';
import { migrations } from '../../../electron/main/store/migrations';
import { listTrustedKeys, trustKey } from '../../../electron/main/store/trust-repo';
import { publicKeyPem, signingKeyFromSeed } from '../../../electron/main/sync/keys';
import { makeTempDir } from '../../support/temp';

describe('migration 2 (trust store and sync cursors)', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('adds trusted_key and sync_cursor to a version-1 database, keeping its snapshots', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const db = new Database(join(t.dir, 'attest.db'));
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.filter((m) => m.version < 2));
    db.prepare(
      `INSERT INTO snapshot (kind, source, label, observed_at, imported_at, imported_by, content_sha256, verification)
       VALUES ('bundle', 's', 'l', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'u', 'abc', 'verified')`,
    ).run();
    expect(migrate(db)).toBe(latestSchemaVersion());
    expect(db.prepare('SELECT count(*) FROM snapshot').pluck().get()).toBe(1);
    const actor = { user: 'u', displayName: 'U' };
    const first = trustKey(db, publicKeyPem(signingKeyFromSeed(new Uint8Array(32).fill(1))), 'sender', actor, '2026-01-02T00:00:00.000Z');
    expect(first.alreadyTrusted).toBe(false);
    expect(listTrustedKeys(db).map((k) => k.label)).toEqual(['sender']);
    expect(() => db.prepare(`INSERT INTO trusted_key (key_id, public_key_pem, label, added_at, added_by) VALUES ('short', 'x', 'l', 't', 'u')`).run()).toThrow(/CHECK/);
    db.prepare(`INSERT INTO sync_cursor (source, kind, updated_at, last_snapshot_id) VALUES ('http://mlflow', 'mlflow-live', 't', 1)`).run();
    expect(() => db.prepare(`INSERT INTO sync_cursor (source, kind, updated_at, last_snapshot_id) VALUES ('x', 'mlflow-live', 't', 99)`).run()).toThrow(/FOREIGN KEY/);
    expect(db.prepare(`SELECT count(*) FROM audit_event WHERE action = 'trust-key'`).pluck().get()).toBe(1);
    db.close();
  });

  it('refuses a key that is not Ed25519 or not a key', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const db = new Database(join(t.dir, 'attest.db'));
    migrate(db);
    expect(() => trustKey(db, 'not a key', 'x', { user: 'u', displayName: 'U' }, '2026-01-01T00:00:00.000Z')).toThrow(/not a PEM public key/);
    db.close();
  });
});
