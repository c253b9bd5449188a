'use client';

// A bar chart for any page (recharts): rows of data, the key on the x axis, and the series to draw
// with their labels (already in the viewer's language) and colours. Stacked or side by side.
import {
  Bar,
  CartesianGrid,
  Legend,
  BarChart as RechartsBarChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export type BarSeries = { key: string; label: string; color: string; stack?: string };

export function BarChart({
  data,
  xKey,
  series,
  height = 280,
  label,
}: {
  data: Record<string, string | number>[];
  xKey: string;
  series: BarSeries[];
  height?: number;
  /** What the chart shows, for screen readers. */
  label: string;
}) {
  return (
    <div role="img" aria-label={label} style={{ width: '100%', height }} data-testid="bar-chart">
      <ResponsiveContainer width="100%" height="100%">
        <RechartsBarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey={xKey} tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={s.color}
              stackId={s.stack}
              isAnimationActive={false}
            />
          ))}
        </RechartsBarChart>
      </ResponsiveContainer>
    </div>
  );
}
