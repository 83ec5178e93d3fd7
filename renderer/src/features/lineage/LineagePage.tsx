import { useMemo, useRef, useState } from 'react';
import { ModelVersionPicker, type ModelVersion } from '../../components/ModelVersionPicker';
import { EmptyState, ErrorMessage, Loading } from '../../components/StatusMessage';
import { invoke } from '../../lib/ipc';
import { useQuery } from '../../lib/useQuery';
import { downloadPng, downloadSvg } from './export';
import { LineageCanvas } from './LineageCanvas';
import { NODE_TYPE_TEXT, displayLabel, layoutGraph } from './layout';

type Direction = 'upstream' | 'downstream';

/** The joined lineage around a node: dataset → job → run → model version → decisions, as of a date. */
export function LineagePage() {
  const [target, setTarget] = useState<ModelVersion | null>(null);
  const [focus, setFocus] = useState<string | null>(null);
  const [direction, setDirection] = useState<Direction>('upstream');
  const [asOf, setAsOf] = useState('');
  const svg = useRef<SVGSVGElement>(null);
  const start = focus ?? (target ? `model-version:${target.model}/${target.version}` : null);
  const [state, reload] = useQuery(
    () => (start ? invoke('lineage:walk', { node: start, direction, ...(asOf ? { asOf } : {}) }) : Promise.resolve(null)),
    `${start}/${direction}/${asOf}`,
  );
  const layout = useMemo(() => (state.status === 'ready' && state.data ? layoutGraph(state.data) : null), [state]);
  const fileName = `lineage-${(start ?? 'graph').replace(/[^A-Za-z0-9_.-]+/g, '_')}-${direction}`;
  return (
    <section aria-labelledby="lineage-title">
      <header className="page-header">
        <h1 id="lineage-title">Lineage</h1>
        <div className="toolbar">
          <ModelVersionPicker
            value={target}
            onChange={(v) => {
              setTarget(v);
              setFocus(null);
            }}
          />
          <label>
            Direction
            <select aria-label="Direction" value={direction} onChange={(e) => setDirection(e.target.value as Direction)}>
              <option value="upstream">Upstream (where it came from)</option>
              <option value="downstream">Downstream (what it feeds)</option>
            </select>
          </label>
          <label>
            As of
            <input type="date" aria-label="As of" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
          </label>
        </div>
      </header>
      {!start ? <p className="muted">Choose a model version to walk its lineage, then click any node to focus on it.</p> : null}
      {focus ? (
        <p>
          Focused on <code>{focus}</code>{' '}
          <button type="button" onClick={() => setFocus(null)}>
            Back to the model version
          </button>
        </p>
      ) : null}
      {start && state.status === 'loading' ? <Loading what="the lineage" /> : null}
      {state.status === 'error' ? <ErrorMessage message={state.message} hint={state.hint} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data && state.data.nodes.length <= 1 ? (
        <EmptyState title="No lineage recorded">
          <p>No {direction} lineage is recorded for this node{asOf ? ` as of ${asOf}` : ''}. Import OpenLineage events to link datasets and jobs.</p>
        </EmptyState>
      ) : null}
      {layout && state.status === 'ready' && state.data && state.data.nodes.length > 1 ? (
        <>
          <div className="toolbar">
            <button type="button" onClick={() => svg.current && downloadSvg(svg.current, fileName)}>
              Export SVG
            </button>
            <button type="button" onClick={() => svg.current && void downloadPng(svg.current, fileName)}>
              Export PNG
            </button>
            {state.data.truncated ? <span className="badge danger">graph truncated: focus on a node to see more</span> : null}
          </div>
          <LineageCanvas ref={svg} layout={layout} start={state.data.start} onPick={setFocus} />
          <details>
            <summary>Nodes as a list ({state.data.nodes.length})</summary>
            <ul>
              {state.data.nodes.map((n) => (
                <li key={n.key}>
                  {NODE_TYPE_TEXT[n.type]}: {displayLabel(n)} <code>{n.key}</code>
                </li>
              ))}
            </ul>
          </details>
        </>
      ) : null}
    </section>
  );
}
