import { useState } from 'react';
import { EmptyState, ErrorMessage, Loading } from '../../components/StatusMessage';
import { ChainVerification } from './ChainVerification';
import { AUDIT_PAGE_SIZE, useAuditLog } from './useAuditLog';
import { formatCount } from '../../lib/format';

/** Every recorded action with actor and time, filterable, with chain verification. */
export function AuditLogPage() {
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const [offset, setOffset] = useState(0);
  const filter = {
    ...(action.trim() ? { action: action.trim() } : {}),
    ...(actor.trim() ? { actor: actor.trim() } : {}),
    limit: AUDIT_PAGE_SIZE,
    offset,
  };
  const [state, reload] = useAuditLog(filter);
  const onFilter = (set: (v: string) => void) => (e: React.ChangeEvent<HTMLInputElement>) => {
    set(e.target.value);
    setOffset(0);
  };
  return (
    <section aria-labelledby="audit-title">
      <header className="page-header">
        <h1 id="audit-title">Audit log</h1>
        <div className="toolbar">
          <label>
            Action
            <input value={action} onChange={onFilter(setAction)} placeholder="e.g. import" />
          </label>
          <label>
            Actor
            <input value={actor} onChange={onFilter(setActor)} placeholder="OS user" />
          </label>
        </div>
      </header>
      <ChainVerification />
      {state.status === 'loading' ? <Loading what="the audit log" /> : null}
      {state.status === 'error' ? <ErrorMessage message={state.message} hint={state.hint} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data.total === 0 ? (
        <EmptyState title="No matching actions">
          <p>Imports, replays, packs, sign-offs and setting changes appear here as they happen.</p>
        </EmptyState>
      ) : null}
      {state.status === 'ready' && state.data.total > 0 ? (
        <>
          <p className="summary">
            {formatCount(state.data.total)} actions; showing {offset + 1}–{offset + state.data.events.length}
          </p>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Time (UTC)</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Object</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {state.data.events.map((e) => (
                <tr key={e.id}>
                  <td className="num">{e.id}</td>
                  <td className="mono">{e.at.replace('T', ' ').slice(0, 19)}</td>
                  <td>
                    {e.actorName}
                    {e.actorName !== e.actor ? <span className="muted"> ({e.actor})</span> : null}
                  </td>
                  <td>{e.action}</td>
                  <td>{[e.objectType, e.objectId].filter(Boolean).join(' ') || '—'}</td>
                  <td className="mono details">{e.detailsJson === '{}' ? '' : e.detailsJson}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - AUDIT_PAGE_SIZE))}>
              Newer
            </button>
            <button type="button" disabled={offset + AUDIT_PAGE_SIZE >= state.data.total} onClick={() => setOffset(offset + AUDIT_PAGE_SIZE)}>
              Older
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
