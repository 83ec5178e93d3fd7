import type { ModelVersionDetail } from '../../../../shared/schemas/registry';
import { TimeSeriesChart } from '../../charts/TimeSeriesChart';

// Headline metrics, whether logged plainly ("auc") or per split ("val_auc"); validation split first.
const HEADLINE = /^(val_|validation_|test_)?(auc|gini|ks|rmse|mae)$/;

/** The training run: parameters, final metrics, metrics across versions, and dataset inputs with digests. */
export function RunPanel({ detail }: { detail: ModelVersionDetail }) {
  const run = detail.run;
  const keys = [...new Set(detail.metricsByVersion.flatMap((v) => Object.keys(v.metrics)))];
  const charted = keys.filter((k) => HEADLINE.test(k)).sort((a, b) => Number(b.startsWith('val')) - Number(a.startsWith('val'))).slice(0, 4);
  const data = [...detail.metricsByVersion].reverse().map((v) => ({ version: `v${v.version}`, ...v.metrics }));
  return (
    <section aria-labelledby="run-title">
      <h2 id="run-title">Training run {run ? <span className="mono">{run.runId}</span> : null}</h2>
      {!run ? <p className="muted">The registry names no training run for this version, or the run was not imported.</p> : null}
      {run ? (
        <div className="chart-grid">
          <KeyValues caption="Parameters" values={run.params} />
          <KeyValues caption="Final metrics" values={Object.fromEntries(Object.entries(run.metrics).map(([k, v]) => [k, v === null ? '—' : String(Number(v.toFixed(6)))]))} />
        </div>
      ) : null}
      {charted.length > 0 && data.length > 1 ? (
        <TimeSeriesChart title="Metrics across versions" data={data} series={charted.map((k) => ({ key: k, label: k }))} xKey="version" />
      ) : null}
      <table className="data compact">
        <caption>Dataset inputs</caption>
        <thead>
          <tr>
            <th scope="col">Dataset</th>
            <th scope="col">Context</th>
            <th scope="col">Digest</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {detail.datasets.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                No dataset inputs recorded.
              </td>
            </tr>
          ) : null}
          {detail.datasets.map((d) => (
            <tr key={`${d.name}-${d.digest}-${d.context}`}>
              <td>{d.name}</td>
              <td>{d.context || '—'}</td>
              <td className="mono">{d.digest}</td>
              <td>{d.source ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function KeyValues({ caption, values }: { caption: string; values: Record<string, string> }) {
  return (
    <table className="data compact">
      <caption>{caption}</caption>
      <tbody>
        {Object.entries(values).map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td className="mono">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
