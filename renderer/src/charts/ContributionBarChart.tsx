import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface Contribution {
  label: string;
  value: number;
}

/** Signed horizontal bars (reason codes): what pushed a score up (red) or down (blue), largest first. */
export function ContributionBarChart({ data, unit }: { data: Contribution[]; unit: string }) {
  const height = 40 + data.length * 32;
  return (
    <figure className="chart" aria-label={`Contributions (${unit})`}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} layout="vertical" margin={{ left: 24, right: 24, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => v.toFixed(2)} />
          <YAxis type="category" dataKey="label" width={170} />
          <Tooltip formatter={(v) => [Number(v).toFixed(4), unit]} />
          <ReferenceLine x={0} stroke="currentColor" />
          <Bar dataKey="value" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.label} fill={d.value >= 0 ? '#cf222e' : '#0969da'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="muted">
        {data.map((d) => `${d.label}: ${d.value >= 0 ? '+' : ''}${d.value.toFixed(3)}`).join('; ')}
      </figcaption>
    </figure>
  );
}
