import type Database from 'better-sqlite3';
import { z } from 'zod';
import { AttestError } from '../core/errors';
import type { Migration } from './migration';

// PRAGMA user_version says how far a database was migrated, not by which steps. Two builds can disagree on what
// step 7 was (branches that both numbered a migration 7), or a step can be missed when a lower number is merged
// after a database passed it; either way the schema is not what this build's code expects, and no error would
// say so until some query fails or, worse, silently reads the wrong shape. So each applied step is recorded by
// version and name, and a database whose record disagrees with this build is refused before anything is written.

const CREATE_HISTORY = `CREATE TABLE IF NOT EXISTS schema_migration (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  -- NULL for steps applied before the record was kept (taken over from PRAGMA user_version).
  applied_at TEXT
) STRICT`;

const HistoryRow = z.object({ version: z.number().int().positive(), name: z.string().min(1) });
type HistoryRow = z.infer<typeof HistoryRow>;

const REFUSAL_HINT = 'Open it with the Attest build that created or last upgraded it. The file was not changed.';

/**
 * Refuse a database whose recorded steps disagree with `list` up to its schema version `current`: a step
 * recorded under another name, a step this build does not have, or a step of this build below `current` that was
 * never applied. Reads only. A database without a record yet (written before it was kept) passes.
 */
export function assertMigrationHistory(db: Database.Database, list: readonly Migration[], current: number, where: string): void {
  const recorded = readHistory(db);
  if (recorded === null) return;
  for (const row of recorded) {
    const step = list.find((m) => m.version === row.version);
    if (step?.name !== row.name) {
      const ours = step ? `this build's step ${row.version} is "${step.name}"` : `this build has no step ${row.version}`;
      throw new AttestError('bad-input', `${where} was migrated by a different build of Attest: its schema step ${row.version} is "${row.name}", but ${ours}.`, REFUSAL_HINT);
    }
  }
  const applied = new Set(recorded.map((row) => row.version));
  const skipped = list.find((m) => m.version <= current && !applied.has(m.version));
  if (skipped) {
    throw new AttestError(
      'bad-input',
      `${where} is at schema version ${current}, but schema step ${skipped.version} ("${skipped.name}") was never applied to it.`,
      REFUSAL_HINT,
    );
  }
}

/**
 * Make sure the record exists; for a database migrated before it was kept, take its steps over from the schema
 * version (applied_at NULL). Run inside a write transaction, after `assertMigrationHistory`.
 */
export function adoptMigrationHistory(db: Database.Database, list: readonly Migration[], current: number): void {
  db.exec(CREATE_HISTORY);
  const { n } = z.object({ n: z.number() }).parse(db.prepare('SELECT count(*) AS n FROM schema_migration').get());
  if (n > 0) return;
  const record = db.prepare('INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, NULL)');
  for (const step of list) if (step.version <= current) record.run(step.version, step.name);
}

/** Record one applied step (in the step's own transaction). */
export function recordMigration(db: Database.Database, step: Migration, appliedAt: string): void {
  db.prepare('INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)').run(step.version, step.name, appliedAt);
}

function readHistory(db: Database.Database): HistoryRow[] | null {
  const table = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migration'`).get();
  if (!table) return null;
  return z.array(HistoryRow).parse(db.prepare('SELECT version, name FROM schema_migration ORDER BY version').all());
}
