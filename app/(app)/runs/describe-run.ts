// A run's title and outcome in words, for the history and the progress page.
import type { Run } from '@/lib/db/schema/progress';

export function describeRun(run: Pick<Run, 'kind' | 'total' | 'params'>): string {
  if (run.kind !== 'invoices') return `${run.kind} run (${run.total})`;
  const filters = (run.params.filters ?? {}) as { clientCode?: string; period?: string; status?: string };
  const scope = [filters.period, filters.clientCode, filters.status?.replace('_', ' ')]
    .filter(Boolean)
    .join(', ');
  return `Invoices${scope ? ` — ${scope}` : ''} (${run.total})`;
}

export function runOutcome(run: Pick<Run, 'kind' | 'succeeded' | 'failed' | 'cancelled' | 'total'>): string {
  const done = run.kind === 'invoices' ? 'sent' : 'succeeded';
  const parts = [`${run.succeeded} ${done}`, `${run.failed} failed`];
  if (run.cancelled) parts.push(`${run.cancelled} cancelled`);
  return `${parts.join(', ')} of ${run.total}`;
}
