import type Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditExportResult } from '../../../shared/schemas/governance';
import type { Actor } from '../core/actor';
import { AttestError } from '../core/errors';
import { AUDIT_ACTIONS, type AuditRow, GENESIS_HASH, appendAuditEvent, toAuditEvent } from './audit-log';
import { verifyAuditLog } from './audit-verify';

/** The first line of an export names its format (docs/audit-log.md). */
export const AUDIT_EXPORT_FORMAT = 'attest-audit-log/1';

/**
 * Write the whole audit log with its chain as JSON lines: a header, one line per row with the exact hashed
 * fields, and a trailer with the head hash and the verification verdict at export time.
 * The export itself is then recorded in the log (after the exported head, so the quoted head stays valid).
 */
export function exportAuditLog(db: Database.Database, outPath: string, actor: Actor, at: string): AuditExportResult {
  assertWritableTarget(outPath);
  const tmpPath = `${outPath}.partial`;
  // One read transaction: the verdict, the rows and the head all describe the same state of the log.
  const { verification, rowCount } = db.transaction(() => writeExport(db, tmpPath, actor, at))();
  // Renamed into place only when complete, so an auditor never receives half a log under the final name.
  renameSync(tmpPath, outPath);
  appendAuditEvent(db, actor, at, {
    action: AUDIT_ACTIONS.auditLogExported,
    details: { rowCount, headHash: verification.headHash, verified: verification.ok },
  });
  return { path: outPath, rowCount, headHash: verification.headHash, verification };
}

function writeExport(db: Database.Database, tmpPath: string, actor: Actor, at: string) {
  const verification = verifyAuditLog(db);
  const fd = openSync(tmpPath, 'w');
  let rowCount = 0;
  try {
    writeLine(fd, { format: AUDIT_EXPORT_FORMAT, exportedAt: at, exportedBy: actor.user, genesisHash: GENESIS_HASH });
    const rows = db.prepare('SELECT * FROM audit_event ORDER BY id').iterate() as IterableIterator<AuditRow>;
    for (const row of rows) {
      rowCount += 1;
      writeLine(fd, toAuditEvent(row));
    }
    writeLine(fd, { trailer: true, rowCount, headHash: verification.headHash, verifiedAtExport: verification.ok, firstBreak: verification.firstBreak });
  } finally {
    closeSync(fd);
  }
  return { verification, rowCount };
}

function writeLine(fd: number, value: unknown): void {
  writeSync(fd, `${JSON.stringify(value)}\n`);
}

function assertWritableTarget(outPath: string): void {
  const folder = dirname(outPath);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new AttestError('bad-input', `Cannot write ${outPath}: folder ${folder} does not exist.`, 'Create the folder or choose another --out path.');
  }
  if (existsSync(outPath)) {
    throw new AttestError('conflict', `${outPath} already exists; the audit export never overwrites a file.`, 'Choose a new --out path or move the old file away.');
  }
}
