import type Database from 'better-sqlite3';
import { AttestError } from '../core/errors';
import type { Migration } from './migration';
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
 * Bring the database up to this build's schema, one transaction per step.
 * Refuses a database written by a newer build: reading it could silently drop data we do not understand.
 */
export function migrate(db: Database.Database, list: readonly Migration[] = shippedMigrations): number {
  assertOrdered(list);
  const current = schemaVersionOf(db);
  const latest = latestSchemaVersion(list);
  if (current > latest) {
    throw new AttestError(
      'bad-input',
      `This workspace database has schema version ${current}, written by a newer Attest; this build knows up to ${latest}.`,
      'Open it with the Attest version that created it, or upgrade Attest. Nothing was changed.',
    );
  }
  for (const step of list) {
    if (step.version <= current) continue;
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    })();
  }
  return schemaVersionOf(db);
}

function assertOrdered(list: readonly Migration[]): void {
  for (let i = 1; i < list.length; i++) {
    const prev = list[i - 1];
    const next = list[i];
    if (prev && next && next.version <= prev.version) {
      throw new Error(`Migrations out of order: ${prev.version} then ${next.version}`);
    }
  }
}
