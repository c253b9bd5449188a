'use client';

// The one bar chart of the app (recharts): rows of data, the key on the x axis, and the series to
// draw with their labels (already in the viewer's language) and colours, stacked or side by side.
// Numbers are in the page's locale; `formatX` writes the x axis's values (days, channels…).
import { useFormatter } from 'next-intl';
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
  formatX = (value) => value,
}: {
  data: Record<string, string | number>[];
  xKey: string;
  series: BarSeries[];
  height?: number;
  /** What the chart shows, for screen readers. */
  label: string;
  formatX?: (value: string) => string;
}) {
  const format = useFormatter();
  const tick = { fontSize: 12, fill: '#475569' };
  return (
    <figure aria-label={label} className="w-full min-w-0" style={{ height }} data-testid="bar-chart">
      <ResponsiveContainer width="100%" height="100%">
        <RechartsBarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey={xKey} tickFormatter={(v) => formatX(String(v))} tick={tick} />
          <YAxis allowDecimals={false} tickFormatter={(n: number) => format.number(n)} tick={tick} />
          <Tooltip
            labelFormatter={(value) => formatX(String(value))}
            formatter={(value) => format.number(Number(value))}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
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
    </figure>
  );
}
