// A run's title in words, for the history and the progress page.
import type { useTranslations } from 'next-intl';
import { invoiceRunScope } from '@/lib/bulk/invoice-run-scope';
import type { Run } from '@/lib/db/schema/progress';

type RunsT = ReturnType<typeof useTranslations<'runs'>>;

const statusKeys = { never_sent: 'statusNeverSent', sent: 'statusSent', failed: 'statusFailed' } as const;

export function describeRun(t: RunsT, run: Pick<Run, 'kind' | 'total' | 'params'>): string {
  if (run.kind === 'broadcast') return t('broadcastTitle', { total: run.total });
  if (run.kind !== 'invoices') return t('otherTitle', { kind: run.kind, total: run.total });
  const filters = invoiceRunScope(run.params);
  const status = filters.status ? t(statusKeys[filters.status]) : undefined;
  const scope = [filters.period, filters.clientCode, status].filter(Boolean).join(', ');
  return t('invoicesTitle', { scope: scope ? ` — ${scope}` : '', total: run.total });
}
