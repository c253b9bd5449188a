'use client';
// Counts per day as bars (the dashboard's 7 days): the app's bar chart with each day written in
// the page's locale ("lun. 30").
import { useFormatter } from 'next-intl';
import { BarChart, type BarSeries } from './bar-chart';

export function DailyChart({
  data,
  series,
  title,
  height = 220,
}: {
  /** One row per day: `date` as YYYY-MM-DD, one number per series key. */
  data: Array<{ date: string } & Record<string, number | string>>;
  series: BarSeries[];
  /** Names the chart for assistive technology. */
  title: string;
  height?: number;
}) {
  const format = useFormatter();
  const day = (iso: string) =>
    format.dateTime(new Date(`${iso}T12:00:00Z`), { weekday: 'short', day: 'numeric', timeZone: 'UTC' });
  return <BarChart data={data} xKey="date" series={series} label={title} height={height} formatX={day} />;
}
