import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  Attestation,
  type AttestationCreateRequest,
  type AttestationListRequest,
  AttestationRecord,
} from '../../../shared/schemas/governance';
import type { Actor } from '../core/actor';
import { AttestError } from '../core/errors';
import { canonicalJson, sha256Hex } from '../core/hashing';
import { AUDIT_ACTIONS, appendAuditEvent } from './audit-log';

type CreateInput = z.output<typeof AttestationCreateRequest>;

const AttestationRow = z.object({
  id: z.number().int(),
  attestation_uid: z.string(),
  scope: z.string(),
  model_name: z.string().nullable(),
  model_version: z.string().nullable(),
  pack_id: z.string().nullable(),
  role: z.string(),
  decision: z.string(),
  comment: z.string(),
  actor: z.string(),
  actor_name: z.string(),
  created_at: z.string(),
  origin: z.string(),
  snapshot_id: z.number().int().nullable(),
});
type AttestationRow = z.infer<typeof AttestationRow>;

/** The record form of a stored row (what travels in bundles), validated. */
function toRecord(row: AttestationRow): AttestationRecord {
  return AttestationRecord.parse({
    attestationUid: row.attestation_uid,
    scope: row.scope,
    ...(row.model_name === null ? {} : { modelName: row.model_name }),
    ...(row.model_version === null ? {} : { modelVersion: row.model_version }),
    ...(row.pack_id === null ? {} : { packId: row.pack_id }),
    role: row.role,
    decision: row.decision,
    comment: row.comment,
    actor: row.actor,
    actorName: row.actor_name,
    createdAt: row.created_at,
  });
}

/** SHA-256 of the canonical record: the attestation's fingerprint in packs and bundles. */
export function attestationSha256(record: AttestationRecord): string {
  return sha256Hex(canonicalJson(record));
}

function toAttestation(raw: unknown): Attestation {
  const row = AttestationRow.parse(raw);
  const record = toRecord(row);
  return Attestation.parse({
    id: row.id,
    record,
    origin: row.origin === 'local' ? 'local' : 'imported',
    snapshotId: row.snapshot_id,
    recordSha256: attestationSha256(record),
  });
}

/** Attestations, oldest first, optionally for one model, model version or pack. */
export function listAttestations(db: Database.Database, filter: AttestationListRequest = {}): Attestation[] {
  const rows = db
    .prepare(
      `SELECT * FROM attestation
       WHERE (:model IS NULL OR model_name = :model) AND (:version IS NULL OR model_version = :version)
         AND (:packId IS NULL OR pack_id = :packId)
       ORDER BY created_at, id`,
    )
    .all({ model: filter.model ?? null, version: filter.version ?? null, packId: filter.packId ?? null });
  return rows.map(toAttestation);
}

/**
 * Record a sign-off by `actor` and log it, in one transaction. The model version or pack must exist here;
 * a reject or an approval with conditions must say why in the comment.
 */
export function createAttestation(db: Database.Database, actor: Actor, at: string, input: CreateInput): Attestation {
  if (input.decision !== 'approve' && input.comment.trim() === '') {
    throw new AttestError(
      'bad-input',
      `A "${input.decision}" sign-off needs a comment (the reason or the conditions).`,
      'Add --comment "…" saying why, or what the conditions are.',
    );
  }
  const target = resolveTarget(db, input);
  const record = AttestationRecord.parse({
    attestationUid: randomUUID(),
    scope: input.scope,
    ...target,
    role: input.role,
    decision: input.decision,
    comment: input.comment,
    actor: actor.user,
    actorName: actor.displayName,
    createdAt: at,
  });
  return db.transaction(() => {
    const id = insertRecord(db, record, 'local', null);
    appendAuditEvent(db, actor, at, {
      action: AUDIT_ACTIONS.attestationRecorded,
      objectType: record.scope === 'pack' ? 'pack' : 'model_version',
      objectId: record.scope === 'pack' ? record.packId : `${record.modelName}@${record.modelVersion}`,
      details: { attestationUid: record.attestationUid, role: record.role, decision: record.decision },
    });
    return toAttestation(db.prepare('SELECT * FROM attestation WHERE id = ?').get(id));
  })();
}

function resolveTarget(db: Database.Database, input: CreateInput): { modelName?: string; modelVersion?: string; packId?: string } {
  if (input.scope === 'pack') {
    if (!input.packId) throw new AttestError('bad-request', 'A pack sign-off names the pack.', 'Give --pack ID.');
    const pack = db
      .prepare(
        `SELECT p.id, rm.name AS model, mv.version FROM pack p
         LEFT JOIN model_version mv ON mv.id = p.model_version_id LEFT JOIN registered_model rm ON rm.id = mv.model_id
         WHERE p.id = ?`,
      )
      .get(input.packId) as { id: string; model: string | null; version: string | null } | undefined;
    if (!pack) throw new AttestError('not-found', `No pack with id ${input.packId} in this workspace.`, 'List packs in the console or with `attest packs`.');
    return { packId: pack.id, ...(pack.model ? { modelName: pack.model } : {}), ...(pack.version ? { modelVersion: pack.version } : {}) };
  }
  if (!input.model || !input.version) {
    throw new AttestError('bad-request', 'A model-version sign-off names the model and the version.', 'Give --model NAME --version V.');
  }
  const found = db
    .prepare('SELECT 1 FROM model_version mv JOIN registered_model rm ON rm.id = mv.model_id WHERE rm.name = ? AND mv.version = ?')
    .get(input.model, input.version);
  if (!found) {
    throw new AttestError('not-found', `Model ${input.model} has no version ${input.version} in this workspace.`, 'Check the name and version with `attest models`.');
  }
  return { modelName: input.model, modelVersion: input.version };
}

/** Insert one record; the table's triggers keep it append-only. */
export function insertRecord(db: Database.Database, record: AttestationRecord, origin: 'local' | 'imported', snapshotId: number | null): number {
  const info = db
    .prepare(
      `INSERT INTO attestation (attestation_uid, scope, model_name, model_version, pack_id, role, decision, comment,
         actor, actor_name, created_at, origin, snapshot_id)
       VALUES (:uid, :scope, :model, :version, :packId, :role, :decision, :comment, :actor, :actorName, :createdAt, :origin, :snapshotId)`,
    )
    .run({
      uid: record.attestationUid,
      scope: record.scope,
      model: record.modelName ?? null,
      version: record.modelVersion ?? null,
      packId: record.packId ?? null,
      role: record.role,
      decision: record.decision,
      comment: record.comment,
      actor: record.actor,
      actorName: record.actorName,
      createdAt: record.createdAt,
      origin,
      snapshotId,
    });
  return Number(info.lastInsertRowid);
}

/** The stored record with this uid, if any. */
export function findAttestation(db: Database.Database, uid: string): Attestation | undefined {
  const row = db.prepare('SELECT * FROM attestation WHERE attestation_uid = ?').get(uid);
  return row === undefined ? undefined : toAttestation(row);
}
