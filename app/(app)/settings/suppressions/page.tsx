import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Badge, Button, Card, PageHeader, Table } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n/format-date';
import { listSuppressions } from '@/lib/outbox/list-suppressions';
import { removeSuppressionAction } from './actions';
import { AddSuppressionForm } from './add-suppression-form';

export const generateMetadata = pageTitle('suppressions');

export default async function SuppressionsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { ctx } = await requireSessionOrg();
  const { q } = await searchParams;
  const { suppressions } = await listSuppressions(getDb(), ctx, { q: q?.slice(0, 200), limit: 500 });
  const [t, format] = await Promise.all([getTranslations('suppressions'), getFormatter()]);
  const canManage = ctx.role !== 'member';
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      <Card>
        <AddSuppressionForm />
      </Card>
      <form className="flex gap-2">
        <input
          name="q"
          defaultValue={q ?? ''}
          placeholder={t('search')}
          aria-label={t('search')}
          className="w-72 rounded border border-slate-300 px-2 py-1 text-sm"
        />
        <Button type="submit" variant="secondary">
          {t('searchButton')}
        </Button>
      </form>
      <Table
        head={[t('address'), t('reason'), t('source'), t('detail'), t('since'), '']}
        empty={suppressions.length === 0 ? t('empty') : undefined}
      >
        {suppressions.map((s) => (
          <tr key={s.id} data-testid="suppression-row">
            <td className="px-4 py-2 font-mono text-xs">{s.address}</td>
            <td className="px-4 py-2">
              <Badge tone={s.reason === 'manual' ? 'slate' : 'red'}>{t(`reasons.${s.reason}`)}</Badge>
            </td>
            <td className="px-4 py-2 text-slate-600">
              {s.messageId ? (
                <Link className="underline" href={`/outbox/${s.messageId}`}>
                  {isKnownSource(s.source) ? t(`sources.${s.source}`) : s.source}
                </Link>
              ) : isKnownSource(s.source) ? (
                t(`sources.${s.source}`)
              ) : (
                s.source
              )}
            </td>
            <td className="max-w-md px-4 py-2 break-words text-slate-600">{s.detail}</td>
            <td className="px-4 py-2 text-slate-600">{formatDate(format, s.createdAt)}</td>
            <td className="px-4 py-2 text-right">
              {canManage ? (
                <form action={removeSuppressionAction}>
                  <input type="hidden" name="id" value={s.id} />
                  <Button type="submit" variant="danger">
                    {t('remove')}
                  </Button>
                </form>
              ) : null}
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

const KNOWN_SOURCES = ['inbox', 'ui', 'api'] as const;
function isKnownSource(source: string): source is (typeof KNOWN_SOURCES)[number] {
  return (KNOWN_SOURCES as readonly string[]).includes(source);
}
