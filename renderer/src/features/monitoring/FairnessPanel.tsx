import type { FairnessResultRow } from '../../../../shared/schemas/monitoring';
import { DistributionChart } from '../../charts/DistributionChart';
import { latestFairness, windowLabel } from './series';
import { formatCount } from '../../lib/format';

const FLAG_TEXT: Record<FairnessResultRow['flag'], string> = {
  ok: 'ok',
  adverse: 'below four-fifths',
  'small-sample': 'too few cases',
  undefined: 'not defined',
};

/** Disparate impact by protected or proxy attribute in the latest window, four-fifths line drawn. */
export function FairnessPanel({ rows }: { rows: FairnessResultRow[] }) {
  const latest = latestFairness(rows);
  if (latest.length === 0) return <p className="muted">No fairness results: the decisions carry no protected or proxy attributes.</p>;
  const attributes = [...new Set(latest.map((r) => r.attribute))];
  return (
    <section aria-labelledby="fairness-title">
      <h2 id="fairness-title">Fairness, window {windowLabel(latest[0]!.windowStart)}</h2>
      {attributes.map((attribute) => {
        const groups = latest.filter((r) => r.attribute === attribute);
        return (
          <div key={attribute}>
            <DistributionChart
              title={`Disparate impact ratio by ${attribute} (reference group ${groups[0]?.referenceGroup ?? '—'})`}
              data={groups.map((g) => ({ category: g.group, ratio: g.value ?? 0 }))}
              bars={[{ key: 'ratio', label: 'favourable-rate ratio', color: '#8250df' }]}
              referenceLine={{ value: 0.8, label: 'four-fifths (0.8)' }}
              format={(v) => v.toFixed(2)}
            />
            <table className="data compact">
              <caption>{attribute}</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Cases</th>
                  <th scope="col">Ratio</th>
                  <th scope="col">Flag</th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr key={g.group}>
                    <th scope="row">{g.group}</th>
                    <td className="num">{formatCount(g.n)}</td>
                    <td className="num">{g.value === null ? '—' : g.value.toFixed(3)}</td>
                    <td>{g.flag === 'adverse' ? <span className="badge danger">{FLAG_TEXT[g.flag]}</span> : FLAG_TEXT[g.flag]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}
