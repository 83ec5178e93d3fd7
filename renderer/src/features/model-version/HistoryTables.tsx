import type { LabelPeriod, ModelVersionDetail } from '../../../../shared/schemas/registry';

function PeriodTable({ caption, periods, showVersion }: { caption: string; periods: LabelPeriod[]; showVersion: boolean }) {
  if (periods.length === 0) return <p className="muted">{caption}: none recorded.</p>;
  return (
    <table className="data compact">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Label</th>
          {showVersion ? <th scope="col">Version</th> : null}
          <th scope="col">From</th>
          <th scope="col">To</th>
        </tr>
      </thead>
      <tbody>
        {periods.map((p) => (
          <tr key={`${p.label}-${p.version}-${p.from}`}>
            <td>{p.label}</td>
            {showVersion ? <td>v{p.version}</td> : null}
            <td>{p.from.slice(0, 10)}</td>
            <td>{p.to ? p.to.slice(0, 10) : 'now'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Where aliases and stages were over time (as observed by the imported snapshots). */
export function HistoryTables({ detail }: { detail: ModelVersionDetail }) {
  return (
    <div className="chart-grid">
      <PeriodTable caption="Alias history of the model" periods={detail.aliasHistory} showVersion />
      <PeriodTable caption="Stage history of this version" periods={detail.stageHistory} showVersion={false} />
    </div>
  );
}
