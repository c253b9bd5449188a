'use client';
// A small bar chart of counts per day (recharts), one bar per series; dates and numbers in the
// page's locale. Generic: the caller names the series and gives their labels and colours.
import { useFormatter } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type DailySeries = { key: string; label: string; color: string };

export function DailyChart({
  data,
  series,
  title,
  height = 220,
}: {
  /** One row per day: `date` as YYYY-MM-DD, one number per series key. */
  data: Array<{ date: string } & Record<string, number | string>>;
  series: DailySeries[];
  /** Names the chart for assistive technology. */
  title: string;
  height?: number;
}) {
  const format = useFormatter();
  const day = (iso: string) =>
    format.dateTime(new Date(`${iso}T12:00:00Z`), { weekday: 'short', day: 'numeric', timeZone: 'UTC' });
  return (
    <figure aria-label={title} className="w-full min-w-0" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="date" tickFormatter={day} tick={{ fontSize: 12, fill: '#475569' }} />
          <YAxis
            allowDecimals={false}
            tickFormatter={(n: number) => format.number(n)}
            tick={{ fontSize: 12, fill: '#475569' }}
          />
          <Tooltip
            labelFormatter={(label) => day(String(label))}
            formatter={(value) => format.number(Number(value))}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
