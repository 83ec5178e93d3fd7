import { useState } from 'react';
import type { AttestationDecision, AttestationRole } from '../../../../shared/schemas/governance';
import { ErrorMessage, Loading } from '../../components/StatusMessage';
import { IpcError, invoke } from '../../lib/ipc';
import { useQuery } from '../../lib/useQuery';

const DECISION_TEXT: Record<AttestationDecision, string> = {
  approve: 'Approve',
  reject: 'Reject',
  'approve-with-conditions': 'Approve with conditions',
};

/** Sign-offs of a model version (append-only), and a form to add one as the current user. */
export function SignoffPanel({ model, version }: { model: string; version: string }) {
  const [state, reload] = useQuery(() => invoke('attestations:list', { model, version }), `${model}/${version}`);
  const [role, setRole] = useState<AttestationRole>('validator');
  const [decision, setDecision] = useState<AttestationDecision>('approve');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<{ message: string; hint?: string | undefined } | null>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    invoke('attestations:create', { scope: 'model_version', model, version, role, decision, comment }).then(
      () => {
        setComment('');
        reload();
      },
      (err: unknown) => setError({ message: err instanceof Error ? err.message : String(err), hint: err instanceof IpcError ? err.hint : undefined }),
    );
  };
  return (
    <section aria-labelledby="signoff-title">
      <h2 id="signoff-title">Sign-offs</h2>
      {state.status === 'loading' ? <Loading what="sign-offs" /> : null}
      {state.status === 'error' ? <ErrorMessage message={state.message} hint={state.hint} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data.length === 0 ? <p className="muted">No one has signed off this version yet.</p> : null}
      {state.status === 'ready' && state.data.length > 0 ? (
        <table className="data compact">
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">Role</th>
              <th scope="col">Decision</th>
              <th scope="col">Comment</th>
              <th scope="col">Origin</th>
            </tr>
          </thead>
          <tbody>
            {state.data.map((a) => (
              <tr key={a.id}>
                <td className="mono">{a.record.createdAt.replace('T', ' ').slice(0, 16)}</td>
                <td>{a.record.actorName}</td>
                <td>{a.record.role}</td>
                <td>{DECISION_TEXT[a.record.decision]}</td>
                <td>{a.record.comment}</td>
                <td>{a.origin === 'imported' ? 'return bundle' : 'this workspace'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form className="toolbar" onSubmit={submit}>
        <label>
          Role
          <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as AttestationRole)}>
            {(['owner', 'validator', 'compliance', 'auditor'] as const).map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Decision
          <select aria-label="Decision" value={decision} onChange={(e) => setDecision(e.target.value as AttestationDecision)}>
            {Object.entries(DECISION_TEXT).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Comment {decision === 'approve' ? '(optional)' : '(required)'}
          <input aria-label="Comment" value={comment} onChange={(e) => setComment(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          Sign off as me
        </button>
      </form>
      {error ? <ErrorMessage message={error.message} hint={error.hint} /> : null}
    </section>
  );
}
