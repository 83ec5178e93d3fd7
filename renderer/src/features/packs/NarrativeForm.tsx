import { useState } from 'react';
import type { Checklist, OfficerRole } from '../../../../shared/schemas/pack';
import { OfficerRole as OfficerRoles } from '../../../../shared/schemas/pack';
import { ErrorMessage } from '../../components/StatusMessage';
import { IpcError, invoke } from '../../lib/ipc';

type Item = Checklist['items'][number];

/** Write (or mark not applicable, with a reason) one item only a person can provide; saved with attribution. */
export function NarrativeForm({ item, model, version, onSaved }: { item: Item; model: string; version: string; onSaved: () => void }) {
  const [text, setText] = useState('');
  const [role, setRole] = useState<OfficerRole>(item.owner);
  const [notApplicable, setNotApplicable] = useState(false);
  const [error, setError] = useState<{ message: string; hint?: string | undefined } | null>(null);
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    invoke('packs:saveNarrative', { model, version, key: item.key, role, text, notApplicable }).then(onSaved, (e: unknown) =>
      setError({ message: e instanceof Error ? e.message : String(e), hint: e instanceof IpcError ? e.hint : undefined }),
    );
  };
  const id = `narrative-${item.key}`;
  return (
    <form className="narrative-form" onSubmit={save}>
      <label htmlFor={id}>{notApplicable ? 'Why it does not apply' : item.label}</label>
      {item.options ? (
        <select id={id} value={text} onChange={(e) => setText(e.target.value)}>
          <option value="">Choose…</option>
          {item.options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      ) : (
        <textarea id={id} value={text} onChange={(e) => setText(e.target.value)} rows={4} />
      )}
      <div className="toolbar">
        <label>
          Your role
          <select value={role} onChange={(e) => setRole(e.target.value as OfficerRole)}>
            {OfficerRoles.options.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={notApplicable} onChange={(e) => setNotApplicable(e.target.checked)} /> Not applicable
        </label>
        <button type="submit" className="primary" disabled={text.trim() === ''}>
          Save (signed as you)
        </button>
      </div>
      {error ? <ErrorMessage message={error.message} hint={error.hint} /> : null}
    </form>
  );
}
