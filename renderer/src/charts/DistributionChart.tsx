import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Grouped bars per category (e.g. score bins: reference vs current share; groups: approval ratio). */
export function DistributionChart({
  title,
  data,
  bars,
  referenceLine,
  format = (v: number) => `${(100 * v).toFixed(1)}%`,
}: {
  title: string;
  data: Record<string, string | number | null>[];
  bars: { key: string; label: string; color: string }[];
  referenceLine?: { value: number; label: string };
  format?: (v: number) => string;
}) {
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>
        <strong>{title}</strong>
      </figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ left: 8, right: 24, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          {/* Bin labels such as "0.12–0.18" are long: angled so every one stays readable. */}
          <XAxis dataKey="category" interval={0} tick={{ fontSize: 10 }} angle={data.length > 6 ? -35 : 0} textAnchor={data.length > 6 ? 'end' : 'middle'} height={data.length > 6 ? 70 : 30} />
          <YAxis tickFormatter={format} width={64} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? format(v) : String(v))} />
          <Legend />
          {referenceLine ? (
            <ReferenceLine y={referenceLine.value} stroke="#cf222e" strokeDasharray="6 3" label={{ value: referenceLine.label, position: 'insideTopRight', fontSize: 11 }} />
          ) : null}
          {bars.map((b) => (
            <Bar key={b.key} dataKey={b.key} name={b.label} fill={b.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
