import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAuditEvent, auditRowHash, GENESIS_HASH } from '../../../electron/main/governance/audit-log';
import { verifyAuditLog } from '../../../electron/main/governance/audit-verify';
import { freshDb, TEST_ACTOR } from '../../support/governance-workspace';

function seedLog(db: Database.Database, rows: number): void {
  for (let i = 1; i <= rows; i++) {
    appendAuditEvent(db, TEST_ACTOR, `2026-02-0${i}T09:00:00.000Z`, {
      action: 'replay run',
      objectType: 'decision',
      objectId: `d-${i}`,
      details: { verdict: 'match', n: i },
    });
  }
}

/** Tamper the way someone with the file and sqlite3 would: drop the guard, then edit. */
function withoutGuards(db: Database.Database, sql: string): void {
  db.exec('DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete;');
  db.exec(sql);
}

describe('audit log chain', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());
  function db(): Database.Database {
    const f = freshDb();
    cleanup = f.cleanup;
    return f.db;
  }

  it('verifies a clean log and reports its head', () => {
    const d = db();
    seedLog(d, 5);
    const v = verifyAuditLog(d);
    expect(v).toMatchObject({ ok: true, rowCount: 5, firstBreak: null, appendOnlyEnforced: true });
    const last = d.prepare('SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1').get() as { hash: string };
    expect(v.headHash).toBe(last.hash);
  });

  it('verifies an empty log with the genesis head', () => {
    expect(verifyAuditLog(db())).toMatchObject({ ok: true, rowCount: 0, headHash: GENESIS_HASH });
  });

  it('links each row to the previous one from the genesis value', () => {
    const d = db();
    seedLog(d, 3);
    const rows = d.prepare('SELECT prev_hash, hash FROM audit_event ORDER BY id').all() as { prev_hash: string; hash: string }[];
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(rows[2]?.prev_hash).toBe(rows[1]?.hash);
  });

  it('refuses UPDATE and DELETE through the append-only triggers', () => {
    const d = db();
    seedLog(d, 2);
    expect(() => d.prepare(`UPDATE audit_event SET action = 'nothing happened' WHERE id = 1`).run()).toThrow(/append-only/);
    expect(() => d.prepare('DELETE FROM audit_event WHERE id = 2').run()).toThrow(/append-only/);
    expect(verifyAuditLog(d).ok).toBe(true);
  });

  it.each([
    ['details', `UPDATE audit_event SET details_json = '{"n":3,"verdict":"differs"}' WHERE id = 3`],
    ['time', `UPDATE audit_event SET at = '2026-02-03T09:00:01.000Z' WHERE id = 3`],
    ['actor', `UPDATE audit_event SET actor_name = 'Someone Else' WHERE id = 3`],
    ['action', `UPDATE audit_event SET action = 'viewed' WHERE id = 3`],
    ['object', `UPDATE audit_event SET object_id = NULL WHERE id = 3`],
  ])('names row 3 when its %s is edited directly in SQLite', (_what, sql) => {
    const d = db();
    seedLog(d, 5);
    withoutGuards(d, sql);
    const v = verifyAuditLog(d);
    expect(v.ok).toBe(false);
    expect(v.firstBreak).toMatchObject({ rowId: 3, kind: 'content-mismatch', field: 'content' });
    expect(v.appendOnlyEnforced).toBe(false);
  });

  it('names row 3 when it is rewritten together with a freshly computed hash', () => {
    const d = db();
    seedLog(d, 5);
    const row = d.prepare('SELECT * FROM audit_event WHERE id = 3').get() as Record<string, string | null>;
    const forged = auditRowHash({
      at: String(row.at), actor: String(row.actor), actorName: String(row.actor_name), action: 'nothing to see',
      objectType: row.object_type ?? null, objectId: row.object_id ?? null, detailsJson: String(row.details_json),
      prevHash: String(row.prev_hash),
    });
    withoutGuards(d, `UPDATE audit_event SET action = 'nothing to see', hash = '${forged}' WHERE id = 3`);
    expect(verifyAuditLog(d).firstBreak).toMatchObject({ rowId: 3, kind: 'link-mismatch', field: 'hash', found: forged });
  });

  it('names an edited prev_hash and an edited hash at that row', () => {
    const d = db();
    seedLog(d, 4);
    withoutGuards(d, `UPDATE audit_event SET prev_hash = '${'a'.repeat(64)}' WHERE id = 2`);
    expect(verifyAuditLog(d).firstBreak).toMatchObject({ rowId: 2, field: 'prev_hash', found: 'a'.repeat(64) });
    d.exec(`UPDATE audit_event SET prev_hash = (SELECT hash FROM audit_event WHERE id = 1) WHERE id = 2`);
    expect(verifyAuditLog(d).ok).toBe(true);
    d.exec(`UPDATE audit_event SET hash = 'not a hash' WHERE id = 4`);
    expect(verifyAuditLog(d).firstBreak).toMatchObject({ rowId: 4, kind: 'malformed', field: 'hash' });
  });

  it('names the gap when a row in the middle is deleted', () => {
    const d = db();
    seedLog(d, 5);
    withoutGuards(d, 'DELETE FROM audit_event WHERE id = 3');
    const v = verifyAuditLog(d);
    expect(v.firstBreak).toMatchObject({ rowId: 4, kind: 'link-mismatch' });
    expect(v.firstBreak?.message).toMatch(/Row 3 is missing/);
  });

  it('catches rows removed at the end only against a quoted head', () => {
    const d = db();
    seedLog(d, 5);
    const head = verifyAuditLog(d).headHash;
    expect(verifyAuditLog(d, head)).toMatchObject({ ok: true, anchor: { found: true, atRowId: 5 } });
    withoutGuards(d, 'DELETE FROM audit_event WHERE id = 5');
    expect(verifyAuditLog(d).ok).toBe(true);
    expect(verifyAuditLog(d, head)).toMatchObject({ ok: false, anchor: { found: false } });
  });

  it('keeps an anchor valid as the log grows', () => {
    const d = db();
    seedLog(d, 2);
    const head = verifyAuditLog(d).headHash;
    seedLog(d, 3);
    expect(verifyAuditLog(d, head)).toMatchObject({ ok: true, anchor: { found: true, atRowId: 2 } });
  });
});
