import type { Migration } from '../migration';

/**
 * Sync support (docs/bundle-format.md, docs/history.md): the workspace's trust store of bundle signing keys,
 * and per-source cursors for incremental live sync. Trusting a key is audited; a key is never deleted, only
 * revoked, so an old snapshot's signer can still be named.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'trust-and-sync',
  up(db) {
    db.exec(`
      CREATE TABLE trusted_key (
        key_id TEXT PRIMARY KEY CHECK (length(key_id) = 16),
        public_key_pem TEXT NOT NULL,
        label TEXT NOT NULL,
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;

      CREATE TABLE sync_cursor (
        source TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        last_update_time TEXT,
        last_snapshot_id INTEGER REFERENCES snapshot (id),
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
