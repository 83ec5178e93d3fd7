import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface Series {
  key: string;
  label: string;
}

export interface Threshold {
  value: number;
  label: string;
  severity: 'warn' | 'alert';
}

const PALETTE = ['#0969da', '#8250df', '#1a7f37', '#bc4c00', '#bf3989', '#57606a', '#116329', '#953800', '#0550ae'];

/** Lines over time windows, with warning/alert thresholds drawn across the chart. */
export function TimeSeriesChart({
  title,
  data,
  series,
  thresholds = [],
  format = (v: number) => v.toFixed(3),
  xKey = 'window',
}: {
  xKey?: string;
  title: string;
  data: Record<string, string | number | null>[];
  series: Series[];
  thresholds?: Threshold[];
  format?: (v: number) => string;
}) {
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>
        <strong>{title}</strong>
      </figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={{ left: 8, right: 24, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey={xKey} />
          <YAxis tickFormatter={format} width={64} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? format(v) : String(v))} />
          <Legend />
          {thresholds.map((t) => (
            <ReferenceLine
              key={`${t.severity}-${t.value}`}
              y={t.value}
              stroke={t.severity === 'alert' ? '#cf222e' : '#bf8700'}
              strokeDasharray="6 3"
              label={{ value: t.label, position: 'insideTopRight', fontSize: 11 }}
            />
          ))}
          {series.map((s, i) => (
            <Line key={s.key} dataKey={s.key} name={s.label} stroke={PALETTE[i % PALETTE.length]} dot isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
