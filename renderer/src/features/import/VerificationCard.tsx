import type { BundleVerification } from '../../../../shared/schemas/sync';
import { formatCount } from '../../lib/format';

/** What checking a bundle found: signature, signer, hashes, scope; before anything is written. */
export function VerificationCard({ result }: { result: BundleVerification }) {
  const isVerified = result.verification === 'verified';
  return (
    <div className={isVerified ? 'verdict pass' : 'verdict fail'} role="status">
      <p>
        <strong>{isVerified ? 'Signature verified' : 'NOT verified'}</strong> — {result.message}
      </p>
      <dl className="facts">
        <dt>Signer</dt>
        <dd>{result.signerKeyId ? `${result.signerLabel ?? 'unknown key'} (${result.signerKeyId})` : 'none'}</dd>
        <dt>Observed</dt>
        <dd>
          {result.observedAt.replace('T', ' ').slice(0, 19)} UTC, sequence {result.sequence}, scope {result.scope}
        </dd>
        <dt>Sources</dt>
        <dd>{[result.sources.registry, result.sources.lineage].filter(Boolean).join(', ') || '—'}</dd>
        <dt>Members</dt>
        <dd>
          {result.members} members, {formatCount(result.bytes)} bytes, every SHA-256 checked
        </dd>
      </dl>
    </div>
  );
}
