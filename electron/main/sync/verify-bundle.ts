import type Database from 'better-sqlite3';
import type { KeyObject } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { BundleVerification } from '../../../shared/schemas/sync';
import { findTrustedKey } from '../store/trust-repo';
import { readBundle } from './bundle-reader';

/** Which keys a verification trusts: the workspace's store, or one key file given on the command line. */
export type TrustLookup = (keyId: string) => { key: KeyObject; label: string } | null;

/**
 * Check a bundle without importing it: signature against the trusted keys, every member's size and SHA-256.
 * Throws `integrity` on the first problem; with `allowUnverified` an untrusted signature is reported instead.
 */
export async function verifyBundleWith(path: string, trustedKey: TrustLookup, allowUnverified = false): Promise<BundleVerification> {
  const bundle = await readBundle(path, { trustedKey, allowUnverified });
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

/** Verify a bundle against the workspace's trusted keys. */
export function verifyBundle(db: Database.Database, path: string, allowUnverified = false): Promise<BundleVerification> {
  return verifyBundleWith(path, (keyId) => findTrustedKey(db, keyId), allowUnverified);
}
