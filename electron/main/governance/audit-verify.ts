import type Database from 'better-sqlite3';
import type { AuditBreak, AuditVerification } from '../../../shared/schemas/governance';
import { type AuditRow, GENESIS_HASH, expectedRowHash } from './audit-log';

const HEX64 = /^[0-9a-f]{64}$/;

/** Where the walk over the chain has got to. */
interface ChainWalk {
  previous: AuditRow | null;
  rowCount: number;
  firstBreak: AuditBreak | null;
  anchorRowId: number | null;
}

/**
 * Walk the audit log from its first row and name the first broken link. Each row must carry the hash of
 * its own content and the hash of the row before it; `expectHead` (a head hash quoted earlier, e.g. from
 * an export) also catches rows removed or rewritten at the end, which the chain alone cannot see.
 */
export function verifyAuditLog(db: Database.Database, expectHead?: string): AuditVerification {
  const walk: ChainWalk = { previous: null, rowCount: 0, firstBreak: null, anchorRowId: null };
  const rows = db.prepare('SELECT * FROM audit_event ORDER BY id').iterate() as IterableIterator<AuditRow>;
  for (const row of rows) {
    walk.rowCount += 1;
    if (walk.firstBreak === null) {
      walk.firstBreak = checkRow(row, walk.previous);
      if (walk.firstBreak === null && expectHead !== undefined && row.hash === expectHead) walk.anchorRowId = row.id;
    }
    walk.previous = row;
  }
  const headHash = walk.previous?.hash ?? GENESIS_HASH;
  const anchor =
    expectHead === undefined
      ? null
      : {
          expectedHead: expectHead,
          found: walk.anchorRowId !== null || expectHead === GENESIS_HASH,
          atRowId: walk.anchorRowId,
        };
  return {
    ok: walk.firstBreak === null && (anchor === null || anchor.found),
    rowCount: walk.rowCount,
    headHash: HEX64.test(headHash) ? headHash : GENESIS_HASH,
    firstBreak: walk.firstBreak,
    appendOnlyEnforced: hasAppendOnlyTriggers(db),
    anchor,
  };
}

/** The break at `row` (or at the row before it, when that one was rewritten), or null when the link holds. */
export function checkRow(row: AuditRow, previous: AuditRow | null): AuditBreak | null {
  const expectedPrev = previous?.hash ?? GENESIS_HASH;
  for (const field of ['hash', 'prev_hash'] as const) {
    if (typeof row[field] !== 'string' || !HEX64.test(row[field])) {
      return brk(row.id, 'malformed', field, 'a lowercase hex SHA-256', String(row[field]), `Row ${row.id}: ${field} is not a SHA-256 hash.`);
    }
  }
  const recomputed = expectedRowHash(row);
  if (recomputed !== row.hash) {
    const prevEdited = row.prev_hash !== expectedPrev;
    return brk(
      row.id,
      'content-mismatch',
      prevEdited ? 'prev_hash' : 'content',
      prevEdited ? expectedPrev : recomputed,
      prevEdited ? row.prev_hash : row.hash,
      prevEdited
        ? `Row ${row.id}: prev_hash was changed after the row was written (it no longer matches row ${previous?.id ?? 'genesis'}).`
        : `Row ${row.id}: its content (time, actor, action, object or details) was changed after it was written; the stored hash no longer matches.`,
    );
  }
  if (row.prev_hash === expectedPrev) return null;
  return linkBreak(row, previous, expectedPrev);
}

function linkBreak(row: AuditRow, previous: AuditRow | null, expectedPrev: string): AuditBreak {
  const expectedId = (previous?.id ?? 0) + 1;
  if (row.id !== expectedId) {
    const gap = expectedId === row.id - 1 ? `Row ${expectedId} is` : `Rows ${expectedId}–${row.id - 1} are`;
    return brk(row.id, 'link-mismatch', 'prev_hash', expectedPrev, row.prev_hash, `${gap} missing: row ${row.id} links to a row that is no longer in the log.`);
  }
  // Row `row` is intact and remembers a different hash for its predecessor: the predecessor was rewritten
  // together with a recomputed hash, so the predecessor is where the log was edited.
  return brk(
    previous?.id ?? row.id,
    'link-mismatch',
    'hash',
    row.prev_hash,
    expectedPrev,
    previous
      ? `Row ${previous.id} was rewritten after row ${row.id} was written: its hash is ${short(previous.hash)} but row ${row.id} links to ${short(row.prev_hash)}.`
      : `Row ${row.id} should be the first row but links to ${short(row.prev_hash)} instead of the genesis value: earlier rows were removed.`,
  );
}

function brk(rowId: number, kind: AuditBreak['kind'], field: string, expected: string, found: string, message: string): AuditBreak {
  return { rowId, kind, field, expected, found, message };
}

function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}

/** Are both append-only triggers on audit_event still in the schema? */
export function hasAppendOnlyTriggers(db: Database.Database): boolean {
  const rows = db
    .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_event'`)
    .all() as { name: string; sql: string | null }[];
  const guards = rows.filter((r) => /RAISE\s*\(\s*ABORT/i.test(r.sql ?? ''));
  const covers = (event: string) => guards.some((r) => new RegExp(`BEFORE\\s+${event}\\s+ON`, 'i').test(r.sql ?? ''));
  return covers('UPDATE') && covers('DELETE');
}
