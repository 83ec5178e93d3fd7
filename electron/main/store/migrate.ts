import type Database from 'better-sqlite3';
import { AttestError } from '../core/errors';
import type { Migration } from './migration';
import { adoptMigrationHistory, assertMigrationHistory, recordMigration } from './migration-history';
import { migrations as shippedMigrations } from './migrations';

/** The schema version this build writes. */
export function latestSchemaVersion(list: readonly Migration[] = shippedMigrations): number {
  return list.reduce((max, m) => Math.max(max, m.version), 0);
}

/** Read PRAGMA user_version. */
export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Bring the database up to this build's schema, one transaction per step, each recorded with its name.
 * Refuses a database written by a newer build (reading it could silently drop data we do not understand) and
 * one whose recorded steps disagree with this build's (see migration-history.ts), before writing anything.
 */
export function migrate(db: Database.Database, list: readonly Migration[] = shippedMigrations, now: () => string = () => new Date().toISOString()): number {
  assertNumberedFromOne(list);
  const current = schemaVersionOf(db);
  const latest = latestSchemaVersion(list);
  if (current > latest) {
    throw new AttestError(
      'bad-input',
      `This workspace database has schema version ${current}, written by a newer Attest; this build knows up to ${latest}.`,
      'Open it with the Attest version that created it, or upgrade Attest. Nothing was changed.',
    );
  }
  assertMigrationHistory(db, list, current, 'This workspace database');
  db.transaction(() => adoptMigrationHistory(db, list, current))();
  for (const step of list) {
    if (step.version <= current) continue;
    db.transaction(() => {
      step.up(db);
      recordMigration(db, step, now());
      db.pragma(`user_version = ${step.version}`);
    })();
  }
  return schemaVersionOf(db);
}

/** The list must be steps 1, 2, 3 … with no gap: a gap is a migration lost in a merge. */
function assertNumberedFromOne(list: readonly Migration[]): void {
  list.forEach((step, i) => {
    if (step.version !== i + 1) throw new Error(`Migrations must be numbered 1, 2, 3 … without gaps: found ${step.version} in place ${i + 1}.`);
  });
}
