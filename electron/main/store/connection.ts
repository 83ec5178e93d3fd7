import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { AttestError } from '../core/errors';
import { latestSchemaVersion, migrate, schemaVersionOf } from './migrate';
import { assertMigrationHistory } from './migration-history';
import { migrations } from './migrations';

/** 'ATST': marks a SQLite file as an Attest workspace database. */
export const ATTEST_APPLICATION_ID = 0x41545354;

export interface OpenOptions {
  /** Create the file when missing (only `attest demo` / first launch do this). */
  create?: boolean;
  readonly?: boolean;
  /** Path to a better-sqlite3 binding built for another ABI (the Electron build); Node uses the default. */
  nativeBinding?: string;
}

/**
 * Open a workspace database: checks it is ours before writing anything, then migrates.
 * A foreign or newer file is refused untouched (no WAL switch, no pragma writes).
 */
export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
  const exists = existsSync(path);
  if (!exists && !options.create) {
    throw new AttestError('not-found', `No workspace database at ${path}.`, 'Create one with `attest demo` or choose another workspace.');
  }
  const db = connect(path, options);
  try {
    assertAttestDatabase(db, path);
    assertNotNewer(db, path);
    assertMigrationHistory(db, migrations, schemaVersionOf(db), path);
    if (options.readonly) return db;
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    if ((db.pragma('application_id', { simple: true }) as number) === 0) {
      db.pragma(`application_id = ${ATTEST_APPLICATION_ID}`);
    }
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function connect(path: string, options: OpenOptions): Database.Database {
  try {
    const db = new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: !options.create,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    throw new AttestError(
      'bad-input',
      `Cannot open ${path} as a database: ${(error as Error).message}.`,
      'Check the path and its permissions, or choose another workspace.',
    );
  }
}

function assertAttestDatabase(db: Database.Database, path: string): void {
  let applicationId: number;
  let tableCount: number;
  try {
    applicationId = db.pragma('application_id', { simple: true }) as number;
    tableCount = (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n;
  } catch (error) {
    throw new AttestError(
      'bad-input',
      `${path} is not an Attest workspace database (${(error as Error).message}).`,
      'Choose a workspace folder created by Attest, or create one with `attest demo`.',
    );
  }
  const isEmpty = tableCount === 0 && applicationId === 0;
  if (!isEmpty && applicationId !== ATTEST_APPLICATION_ID) {
    throw new AttestError(
      'bad-input',
      `${path} is a SQLite database but not an Attest workspace (application id ${applicationId}).`,
      'Choose a workspace folder created by Attest. The file was not changed.',
    );
  }
}

function assertNotNewer(db: Database.Database, path: string): void {
  const found = schemaVersionOf(db);
  const latest = latestSchemaVersion();
  if (found > latest) {
    throw new AttestError(
      'bad-input',
      `${path} was written by a newer Attest (schema ${found}; this build knows up to ${latest}).`,
      'Open it with the Attest version that created it, or upgrade Attest. The file was not changed.',
    );
  }
}
