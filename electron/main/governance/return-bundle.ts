import type Database from 'better-sqlite3';
import type { KeyObject } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { BundleManifest } from '../../../shared/schemas/bundle';
import type { Actor } from '../core/actor';
import { AttestError } from '../core/errors';
import { writeBundle } from '../sync/bundle-writer';
import { exportAttestations } from './attestation-transfer';
import { AUDIT_ACTIONS, appendAuditEvent } from './audit-log';

/** The member path of attestations inside a return bundle (docs/bundle-format.md). */
export const ATTESTATIONS_MEMBER_PATH = 'attestations.jsonl';
const SEQUENCE_KEY = 'return-bundle.sequence';

export interface ReturnBundleOptions {
  outPath: string;
  signingKey: KeyObject;
  /** Only attestations signed at or after this date or date-time. */
  since?: string;
  /** Names this workstation as the bundle's source; the connected side orders its bundles by `sequence`. */
  source?: string;
}

export interface ReturnBundleResult {
  path: string;
  manifest: BundleManifest;
  attestations: number;
}

/**
 * Write a signed return bundle (scope `attestations`) carrying this workspace's sign-offs out of the
 * air-gapped room, and log it. Refuses to write an empty bundle: that is almost always a wrong --since.
 */
export async function createReturnBundle(
  db: Database.Database,
  actor: Actor,
  at: string,
  options: ReturnBundleOptions,
): Promise<ReturnBundleResult> {
  const records = exportAttestations(db, options.since);
  if (records.length === 0) {
    throw new AttestError(
      'bad-input',
      `No attestations were signed in this workspace${options.since ? ` since ${options.since}` : ''}; the return bundle would be empty.`,
      'Record sign-offs with `attest signoff`, or give an earlier --since.',
    );
  }
  const sequence = nextSequence(db);
  const manifest = await writeBundle(
    options.outPath,
    {
      observedAt: at,
      sequence,
      scope: 'attestations',
      sources: { registry: options.source ?? `attest-workstation:${hostname()}` },
      members: [{ path: ATTESTATIONS_MEMBER_PATH, kind: 'attestations', records }],
    },
    options.signingKey,
  );
  db.transaction(() => {
    db.prepare(
      `INSERT INTO setting (key, value_json, updated_at) VALUES (:key, :value, :at)
       ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
    ).run({ key: SEQUENCE_KEY, value: JSON.stringify(sequence), at });
    appendAuditEvent(db, actor, at, {
      action: AUDIT_ACTIONS.attestationsExported,
      objectType: 'return-bundle',
      objectId: options.outPath,
      details: { sequence, since: options.since ?? null, attestationUids: records.map((r) => r.attestationUid) },
    });
  })();
  return { path: options.outPath, manifest, attestations: records.length };
}

function nextSequence(db: Database.Database): number {
  const row = db.prepare('SELECT value_json FROM setting WHERE key = ?').get(SEQUENCE_KEY) as { value_json: string } | undefined;
  if (row === undefined) return 1;
  return z.number().int().nonnegative().parse(JSON.parse(row.value_json)) + 1;
}
