import { useState } from 'react';
import type { DecisionSummary } from '../../../../shared/schemas/replay';
import { ErrorMessage, Loading } from '../../components/StatusMessage';
import { invoke } from '../../lib/ipc';
import { useQuery } from '../../lib/useQuery';
import { VERDICT_TEXT } from './verdict';

export interface DecisionFilter {
  model: string;
  version: string;
  query: string;
  decision: string;
}

/** Search logged decisions by model, version, request id and outcome; pick one to inspect. */
export function DecisionFinder({
  filter,
  onFilter,
  selected,
  onSelect,
}: {
  filter: DecisionFilter;
  onFilter: (f: DecisionFilter) => void;
  selected: string | null;
  onSelect: (decisionId: string) => void;
}) {
  const [models] = useQuery(() => invoke('models:list', {}), 'models');
  const [state, reload] = useQuery(
    () =>
      invoke('decisions:search', {
        ...(filter.model ? { model: filter.model } : {}),
        ...(filter.version ? { version: filter.version } : {}),
        ...(filter.query.trim() ? { query: filter.query.trim() } : {}),
        ...(filter.decision.trim() ? { decision: filter.decision.trim() } : {}),
        limit: 50,
      }),
    JSON.stringify(filter),
  );
  const versions = models.status === 'ready' ? (models.data.models.find((m) => m.name === filter.model)?.versions ?? []) : [];
  const [draft, setDraft] = useState(filter.query);
  return (
    <div className="finder">
      <div className="toolbar">
        <label>
          Model
          <select aria-label="Model" value={filter.model} onChange={(e) => onFilter({ ...filter, model: e.target.value, version: '' })}>
            <option value="">All models</option>
            {models.status === 'ready' ? models.data.models.map((m) => <option key={m.name}>{m.name}</option>) : null}
          </select>
        </label>
        <label>
          Version
          <select aria-label="Version" value={filter.version} onChange={(e) => onFilter({ ...filter, version: e.target.value })} disabled={!filter.model}>
            <option value="">All versions</option>
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version}
              </option>
            ))}
          </select>
        </label>
        <label>
          Decision
          <input value={filter.decision} onChange={(e) => onFilter({ ...filter, decision: e.target.value })} placeholder="e.g. decline" />
        </label>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onFilter({ ...filter, query: draft });
          }}
        >
          <label>
            Decision or request id
            <input type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="starts with…" />
          </label>
        </form>
      </div>
      {state.status === 'loading' ? <Loading what="decisions" /> : null}
      {state.status === 'error' ? <ErrorMessage message={state.message} hint={state.hint} onRetry={reload} /> : null}
      {state.status === 'ready' ? <DecisionList decisions={state.data} selected={selected} onSelect={onSelect} /> : null}
    </div>
  );
}

function DecisionList({ decisions, selected, onSelect }: { decisions: DecisionSummary[]; selected: string | null; onSelect: (id: string) => void }) {
  if (decisions.length === 0) return <p className="muted">No logged decisions match.</p>;
  return (
    <ul className="decision-list" aria-label="Logged decisions">
      {decisions.map((d) => (
        <li key={d.decisionId}>
          <button type="button" aria-pressed={d.decisionId === selected} onClick={() => onSelect(d.decisionId)}>
            <span className="mono">{d.decisionId}</span>
            <span className="muted">
              {d.model} v{d.version} · {d.decidedAt.slice(0, 10)} · {d.decision ?? 'no decision'}
              {d.lastVerdict ? ` · last replay: ${VERDICT_TEXT[d.lastVerdict].label}` : ''}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
