import type Database from 'better-sqlite3';
import { stat } from 'node:fs/promises';
import { BundleVerification } from '../../../shared/schemas/sync';
import { findTrustedKey } from '../store/trust-repo';
import { readBundle } from './bundle-reader';

/**
 * Check a bundle without importing it: signature against the workspace's trusted keys, every member's size
 * and SHA-256. Throws `integrity` on the first problem; with `allowUnverified` an untrusted signature is
 * reported rather than refused.
 */
export async function verifyBundle(db: Database.Database, path: string, allowUnverified = false): Promise<BundleVerification> {
  const bundle = await readBundle(path, { trustedKey: (keyId) => findTrustedKey(db, keyId), allowUnverified });
  const { manifest } = bundle;
  const signer = bundle.signerLabel ? `${bundle.signerKeyId} (${bundle.signerLabel})` : bundle.signerKeyId;
  const message =
    bundle.verification === 'verified'
      ? `Verified: signed by trusted key ${signer}; all ${manifest.members.length} members match the manifest.`
      : `UNVERIFIED: ${bundle.unverifiedReason ?? 'no trusted signature'}; the ${manifest.members.length} members match the manifest.`;
  return BundleVerification.parse({
    path,
    verification: bundle.verification,
    signerKeyId: bundle.signerKeyId,
    signerLabel: bundle.signerLabel,
    observedAt: manifest.observedAt,
    sequence: manifest.sequence,
    scope: manifest.scope,
    sources: manifest.sources,
    members: manifest.members.length,
    bytes: (await stat(path)).size,
    message,
  });
}
