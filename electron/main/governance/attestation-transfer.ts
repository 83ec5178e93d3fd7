import type Database from 'better-sqlite3';
import { z } from 'zod';
import { AttestationRecord, type Attestation } from '../../../shared/schemas/governance';
import type { Actor } from '../core/actor';
import { AttestError } from '../core/errors';
import { AUDIT_ACTIONS, appendAuditEvent } from './audit-log';
import { attestationSha256, findAttestation, insertRecord, listAttestations } from './attestations-repo';

/** What an import of attestation records did. */
export interface AttestationImportResult {
  imported: number;
  /** Already present with identical content (a bundle imported twice). */
  unchanged: number;
}

/**
 * The attestations signed in this workspace at or after `since` (a date or date-time, UTC), oldest first,
 * in the form a return bundle's `attestations` member carries. Imported ones stay where they came from.
 */
export function exportAttestations(db: Database.Database, since?: string): AttestationRecord[] {
  const from = since === undefined ? null : sinceInstant(since);
  return listAttestations(db)
    .filter((a: Attestation) => a.origin === 'local' && (from === null || a.record.createdAt >= from))
    .map((a) => a.record);
}

function sinceInstant(since: string): string {
  const parsed = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).safeParse(since);
  if (!parsed.success) {
    throw new AttestError('bad-input', `"${since}" is not a date (YYYY-MM-DD) or an ISO 8601 date-time.`, 'Give --since like 2026-03-01.');
  }
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(since) ? `${since}T00:00:00.000Z` : since).toISOString();
}

/**
 * Record attestations that arrived in a return bundle, idempotently by `attestationUid`: a record already
 * present with the same content is skipped; the same uid with different content is refused as tampering.
 * Call it inside the bundle import's transaction, with the snapshot that bundle became.
 */
export function importAttestationRecords(
  db: Database.Database,
  records: Iterable<unknown>,
  snapshotId: number,
  audit?: { actor: Actor; at: string },
): AttestationImportResult {
  return db.transaction(() => {
    const result: AttestationImportResult = { imported: 0, unchanged: 0 };
    const uids: string[] = [];
    for (const raw of records) {
      const record = parseRecord(raw);
      const existing = findAttestation(db, record.attestationUid);
      if (existing) {
        if (existing.recordSha256 !== attestationSha256(record)) {
          throw new AttestError(
            'integrity',
            `Attestation ${record.attestationUid} is already recorded here with different content (decision, comment, signer or time).`,
            'Recorded attestations never change. Ask the sender which copy is genuine; nothing was imported.',
          );
        }
        result.unchanged += 1;
        continue;
      }
      insertRecord(db, record, 'imported', snapshotId);
      uids.push(record.attestationUid);
      result.imported += 1;
    }
    if (audit && result.imported > 0) {
      appendAuditEvent(db, audit.actor, audit.at, {
        action: AUDIT_ACTIONS.attestationsImported,
        objectType: 'snapshot',
        objectId: String(snapshotId),
        details: { imported: result.imported, unchanged: result.unchanged, attestationUids: uids },
      });
    }
    return result;
  })();
}

function parseRecord(raw: unknown): AttestationRecord {
  const parsed = AttestationRecord.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AttestError(
    'bad-input',
    `An attestation record is invalid (${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}).`,
    'The return bundle was not written by Attest or was altered; nothing was imported.',
  );
}
