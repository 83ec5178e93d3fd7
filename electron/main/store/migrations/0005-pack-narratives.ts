import type { Migration } from '../migration';

/**
 * Officer input for audit packs (docs/packs.md): narratives, justified "not applicable" entries, classification
 * facts and external-document references, per model version (and per decision for Pack C). Append-only: a new
 * revision supersedes the old one, which stays for the record, so a pack generated "as of" a past date prints
 * the text that was in force then.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'pack-narratives',
  up(db) {
    db.exec(`
      CREATE TABLE pack_narrative (
        id INTEGER PRIMARY KEY,
        model_name TEXT NOT NULL,
        model_version TEXT NOT NULL,
        subject TEXT NOT NULL DEFAULT '',
        key TEXT NOT NULL,
        revision INTEGER NOT NULL CHECK (revision >= 1),
        text TEXT NOT NULL,
        not_applicable INTEGER NOT NULL CHECK (not_applicable IN (0, 1)),
        doc_json TEXT,
        author TEXT NOT NULL,
        author_name TEXT NOT NULL,
        role TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        UNIQUE (model_name, model_version, subject, key, revision)
      ) STRICT;
      CREATE INDEX pack_narrative_scope ON pack_narrative (model_name, model_version, recorded_at);

      CREATE TRIGGER pack_narrative_no_update BEFORE UPDATE ON pack_narrative
      BEGIN SELECT RAISE(ABORT, 'pack_narrative is append-only'); END;
      CREATE TRIGGER pack_narrative_no_delete BEFORE DELETE ON pack_narrative
      BEGIN SELECT RAISE(ABORT, 'pack_narrative is append-only'); END;
    `);
  },
};
