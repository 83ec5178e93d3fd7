import type { ModelVersionDetail } from '../../../../shared/schemas/registry';
import { formatCount } from '../../lib/format';

const INTEGRITY_TEXT = { verified: 'Artifact verified', mismatch: 'ARTIFACT ALTERED', missing: 'Artifact missing', 'not-recorded': 'No artifact recorded' } as const;

/** Registry facts of a version and the integrity of its stored artifact. */
export function VersionFacts({ detail }: { detail: ModelVersionDetail }) {
  const { model: m, version: v, integrity } = detail;
  return (
    <>
      <div className={integrity.status === 'verified' ? 'verdict pass' : 'verdict fail'} role="status">
        <strong>{INTEGRITY_TEXT[integrity.status]}</strong> — {integrity.message}
      </div>
      <dl className="facts">
        <dt>Use case</dt>
        <dd>{m.useCase ?? '—'}</dd>
        <dt>Owner · risk tier</dt>
        <dd>
          {m.owner ?? '—'} · {m.riskTier ?? '—'}
        </dd>
        <dt>Validation</dt>
        <dd>
          last {m.lastValidatedAt?.slice(0, 10) ?? '—'}, next due {m.nextValidationDue?.slice(0, 10) ?? '—'}
          {m.isValidationOverdue ? <span className="badge danger">overdue</span> : null}
        </dd>
        <dt>Created · stage</dt>
        <dd>
          {v.createdAt.slice(0, 10)} · {v.stage ?? '—'} {v.status ? `(${v.status})` : ''}
        </dd>
        <dt>Description</dt>
        <dd>{v.description ?? '—'}</dd>
        <dt>Artifact</dt>
        <dd className="mono">
          {v.artifactSha256 ?? '—'}
          <div className="muted">
            {v.artifactUri ?? ''} {v.framework ? `· ${v.framework}` : ''} {v.onnxOpset ? `· opset ${v.onnxOpset}` : ''} {v.loggedModelId ? `· logged model ${v.loggedModelId}` : ''}
          </div>
        </dd>
        <dt>Snapshot</dt>
        <dd>{v.verification === 'unverified' ? <span className="badge danger">from an UNVERIFIED snapshot</span> : v.verification}</dd>
        <dt>Logged decisions</dt>
        <dd>{formatCount(v.decisionCount)}</dd>
      </dl>
    </>
  );
}
