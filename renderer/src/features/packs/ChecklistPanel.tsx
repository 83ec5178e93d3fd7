import { useState } from 'react';
import type { Checklist } from '../../../../shared/schemas/pack';
import { NarrativeForm } from './NarrativeForm';

const STATUS_TEXT = { done: 'done', 'not-applicable': 'not applicable (justified)', missing: 'missing' } as const;

/** Completeness before generating: gaps by reason, and the officer items with their status and forms. */
export function ChecklistPanel({ checklist, model, version, onChanged }: { checklist: Checklist; model: string; version: string; onChanged: () => void }) {
  const [open, setOpen] = useState<string | null>(null);
  const missing = checklist.items.filter((i) => i.status === 'missing').length;
  return (
    <section className="panel" aria-labelledby="checklist-title">
      <h2 id="checklist-title">Completeness checklist (Pack {checklist.packType})</h2>
      <p>
        <strong>{checklist.gapCount} gaps</strong> would print in this pack
        {Object.entries(checklist.gapsByReason)
          .filter(([, n]) => n > 0)
          .map(([reason, n]) => ` · ${reason} ${n}`)
          .join('')}
        . {missing} of {checklist.items.length} officer items are missing.
      </p>
      <table className="data compact">
        <thead>
          <tr>
            <th scope="col">Section</th>
            <th scope="col">Item</th>
            <th scope="col">Owner</th>
            <th scope="col">Status</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {checklist.items.map((item) => (
            <ChecklistRow key={item.key} item={item} isOpen={open === item.key} onToggle={() => setOpen(open === item.key ? null : item.key)}>
              <NarrativeForm
                item={item}
                model={model}
                version={version}
                onSaved={() => {
                  setOpen(null);
                  onChanged();
                }}
              />
            </ChecklistRow>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ChecklistRow({ item, isOpen, onToggle, children }: { item: Checklist['items'][number]; isOpen: boolean; onToggle: () => void; children: React.ReactNode }) {
  return (
    <>
      <tr>
        <td>{item.section}</td>
        <th scope="row">{item.label}</th>
        <td>{item.owner}</td>
        <td>{item.status === 'missing' ? <span className="badge danger">missing</span> : STATUS_TEXT[item.status]}</td>
        <td>
          <button type="button" onClick={onToggle} aria-expanded={isOpen}>
            {item.status === 'missing' ? 'Write' : 'Revise'}
          </button>
        </td>
      </tr>
      {isOpen ? (
        <tr>
          <td colSpan={5}>{children}</td>
        </tr>
      ) : null}
    </>
  );
}
