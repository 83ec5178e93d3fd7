import { ErrorMessage, Loading } from '../../components/StatusMessage';
import { invoke } from '../../lib/ipc';
import { useQuery } from '../../lib/useQuery';
import { HistoryTables } from './HistoryTables';
import { RunPanel } from './RunPanel';
import { SignoffPanel } from './SignoffPanel';
import { VersionFacts } from './VersionFacts';

/** One model version: registry facts and integrity, history, training run and data, sign-offs, and links onward. */
export function ModelVersionPage({ model, version }: { model: string; version: string }) {
  const [state, reload] = useQuery(() => invoke('models:version', { model, version }), `${model}/${version}`);
  return (
    <section aria-labelledby="version-title">
      <p>
        <a href="#/inventory">← Inventory</a>
      </p>
      <h1 id="version-title">
        {model} v{version}
        {state.status === 'ready'
          ? state.data.version.aliases.map((a) => (
              <span key={a} className="badge">
                {a}
              </span>
            ))
          : null}
      </h1>
      <nav aria-label="Related screens" className="toolbar">
        <a href="#/replay">Replay its decisions</a>
        <a href="#/monitoring">Monitoring</a>
        <a href="#/packs">Audit packs</a>
        <a href="#/lineage">Lineage</a>
      </nav>
      {state.status === 'loading' ? <Loading what="the model version" /> : null}
      {state.status === 'error' ? <ErrorMessage message={state.message} hint={state.hint} onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <>
          <VersionFacts detail={state.data} />
          <HistoryTables detail={state.data} />
          <RunPanel detail={state.data} />
          <SignoffPanel model={model} version={version} />
        </>
      ) : null}
    </section>
  );
}
