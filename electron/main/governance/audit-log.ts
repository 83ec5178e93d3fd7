import type Database from 'better-sqlite3';
import { AuditEvent } from '../../../shared/schemas/governance';
import type { Actor } from '../core/actor';
import { canonicalJson, sha256Hex } from '../core/hashing';

/** The chain starts from this value, so the first row's prev_hash is well defined. */
export const GENESIS_HASH = '0'.repeat(64);

/** Action names written by Attest itself (others may add their own; these are the ones the console knows). */
export const AUDIT_ACTIONS = {
  workspaceOpened: 'workspace opened',
  settingChanged: 'setting changed',
  attestationRecorded: 'attestation recorded',
  attestationsImported: 'attestations imported',
  attestationsExported: 'attestations exported',
  auditLogExported: 'audit log exported',
  monitoringComputed: 'monitoring computed',
  credentialSaved: 'credential saved',
  credentialForgotten: 'credential forgotten',
} as const;

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string;
  details?: Record<string, unknown>;
}

/** The columns of one audit_event row as SQLite returns them. */
export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  actor_name: string;
  action: string;
  object_type: string | null;
  object_id: string | null;
  details_json: string;
  prev_hash: string;
  hash: string;
}

/** The fields a row's hash covers, in a fixed canonical form (docs/audit-log.md). */
export function auditRowHash(row: {
  at: string;
  actor: string;
  actorName: string;
  action: string;
  objectType: string | null;
  objectId: string | null;
  detailsJson: string;
  prevHash: string;
}): string {
  return sha256Hex(
    canonicalJson({
      at: row.at,
      actor: row.actor,
      actorName: row.actorName,
      action: row.action,
      objectType: row.objectType,
      objectId: row.objectId,
      details: row.detailsJson,
      prevHash: row.prevHash,
    }),
  );
}

/** Recompute the hash a stored row should carry, from its own columns. */
export function expectedRowHash(row: AuditRow): string {
  return auditRowHash({
    at: row.at,
    actor: row.actor,
    actorName: row.actor_name,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    detailsJson: row.details_json,
    prevHash: row.prev_hash,
  });
}

/** A stored row in its API form, validated. */
export function toAuditEvent(row: AuditRow): AuditEvent {
  return AuditEvent.parse({
    id: row.id,
    at: row.at,
    actor: row.actor,
    actorName: row.actor_name,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    detailsJson: row.details_json,
    prevHash: row.prev_hash,
    hash: row.hash,
  });
}

/**
 * Append one action to the tamper-evident audit log. Call it inside the same transaction as the change
 * it records, so an action is logged if and only if it happened.
 */
export function appendAuditEvent(db: Database.Database, actor: Actor, at: string, entry: AuditEntry): void {
  const last = db.prepare('SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const detailsJson = canonicalJson(entry.details ?? {});
  const objectType = entry.objectType ?? null;
  const objectId = entry.objectId ?? null;
  const hash = auditRowHash({
    at,
    actor: actor.user,
    actorName: actor.displayName,
    action: entry.action,
    objectType,
    objectId,
    detailsJson,
    prevHash,
  });
  db.prepare(
    `INSERT INTO audit_event (at, actor, actor_name, action, object_type, object_id, details_json, prev_hash, hash)
     VALUES (:at, :actor, :actorName, :action, :objectType, :objectId, :detailsJson, :prevHash, :hash)`,
  ).run({ at, actor: actor.user, actorName: actor.displayName, action: entry.action, objectType, objectId, detailsJson, prevHash, hash });
}
