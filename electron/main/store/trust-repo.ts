import type Database from 'better-sqlite3';
import type { KeyObject } from 'node:crypto';
import { TrustedKey, type TrustKeyResult } from '../../../shared/schemas/sync';
import type { Actor } from '../core/actor';
import { AttestError } from '../core/errors';
import { appendAuditEvent } from '../governance/audit-log';
import { keyIdOf, parsePublicKeyPem, publicKeyPem } from '../sync/keys';

interface TrustedKeyRow {
  key_id: string;
  public_key_pem: string;
  label: string;
  added_at: string;
  added_by: string;
  revoked_at: string | null;
}

function toTrustedKey(row: TrustedKeyRow): TrustedKey {
  return TrustedKey.parse({
    keyId: row.key_id,
    label: row.label,
    publicKeyPem: row.public_key_pem,
    addedAt: row.added_at,
    addedBy: row.added_by,
    revokedAt: row.revoked_at,
  });
}

/**
 * Trust a bundle signing key (Ed25519 SPKI PEM) in this workspace, audited as 'trust-key'. Trusting a key that
 * is already trusted changes nothing and says so.
 */
export function trustKey(db: Database.Database, pem: string, label: string, actor: Actor, at: string): TrustKeyResult {
  const key = parsePublicKeyPem(pem, 'The key');
  const keyId = keyIdOf(key);
  return db.transaction((): TrustKeyResult => {
    const existing = findRow(db, keyId);
    if (existing && existing.revoked_at === null) return { key: toTrustedKey(existing), alreadyTrusted: true };
    if (existing) {
      throw new AttestError('conflict', `Key ${keyId} was revoked on ${existing.revoked_at}; it cannot be trusted again.`, 'Ask the sender for a new key.');
    }
    db.prepare(
      `INSERT INTO trusted_key (key_id, public_key_pem, label, added_at, added_by)
       VALUES (:keyId, :pem, :label, :at, :actor)`,
    ).run({ keyId, pem: publicKeyPem(key), label, at, actor: actor.user });
    appendAuditEvent(db, actor, at, { action: 'trust-key', objectType: 'trusted_key', objectId: keyId, details: { label } });
    const row = findRow(db, keyId);
    if (!row) throw new AttestError('internal', `Trusted key ${keyId} vanished after insert.`);
    return { key: toTrustedKey(row), alreadyTrusted: false };
  })();
}

/** Every key this workspace has trusted, revoked ones included, oldest first. */
export function listTrustedKeys(db: Database.Database): TrustedKey[] {
  const rows = db.prepare('SELECT * FROM trusted_key ORDER BY added_at, key_id').all() as TrustedKeyRow[];
  return rows.map(toTrustedKey);
}

/** The trusted, unrevoked public key with this id, or null. */
export function findTrustedKey(db: Database.Database, keyId: string): { key: KeyObject; label: string } | null {
  const row = findRow(db, keyId);
  if (!row || row.revoked_at !== null) return null;
  const trusted = toTrustedKey(row);
  return { key: parsePublicKeyPem(trusted.publicKeyPem, `Trusted key ${keyId}`), label: trusted.label };
}

function findRow(db: Database.Database, keyId: string): TrustedKeyRow | undefined {
  return db.prepare('SELECT * FROM trusted_key WHERE key_id = ?').get(keyId) as TrustedKeyRow | undefined;
}
