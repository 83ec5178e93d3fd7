import { useState } from 'react';
import { BatchReplay } from './BatchReplay';
import { DecisionFinder, type DecisionFilter } from './DecisionFinder';
import { DecisionPanel } from './DecisionPanel';

/** Find a logged decision, replay it through its exact model version, or replay a whole version in batch. */
export function ReplayPage() {
  const [filter, setFilter] = useState<DecisionFilter>({ model: '', version: '', query: '', decision: '' });
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <section aria-labelledby="replay-title">
      <h1 id="replay-title">Replay</h1>
      <div className="split">
        <DecisionFinder filter={filter} onFilter={setFilter} selected={selected} onSelect={setSelected} />
        <div className="detail">
          {selected ? <DecisionPanel decisionId={selected} /> : <p className="muted">Pick a decision to see its inputs and replay it.</p>}
        </div>
      </div>
      <BatchReplay model={filter.model} version={filter.version} />
    </section>
  );
}
