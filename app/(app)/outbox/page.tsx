import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { ServerMessage, serverMessageText } from '@/app/components/server-message';
import { ButtonLink, Card, Input, PageHeader, Select, Table } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { messageStatusEnum } from '@/lib/db/schema/outbox';
import { formatDate } from '@/lib/i18n/format-date';
import { getMessageStats } from '@/lib/outbox/get-message-stats';
import { listMessages } from '@/lib/outbox/list-messages';
import { listMessagesQuery } from '@/lib/outbox/message.schema';
import { StatusBadge } from './status-badge';

export const generateMetadata = pageTitle('outbox');

type Search = Record<string, string | string[] | undefined>;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { ctx } = await requireSessionOrg();
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === 'string' && sp[k] ? (sp[k] as string) : undefined);
  const parsed = listMessagesQuery.safeParse({
    status: one('status'),
    queue: one('queue'),
    q: one('q'),
    cursor: one('cursor'),
    limit: 50,
  });
  const filter = parsed.success ? parsed.data : listMessagesQuery.parse({ limit: 50 });
  const db = getDb();
  const [stats, page, t, tStatus, tQueue, tc, format, tServer] = await Promise.all([
    getMessageStats(db, ctx, { days: 14 }),
    listMessages(db, ctx, filter),
    getTranslations('outbox'),
    getTranslations('messageStatus'),
    getTranslations('queues'),
    getTranslations('common'),
    getFormatter(),
    getTranslations('serverMessages'),
  ]);
  const link = (params: Record<string, string | undefined>) => {
    const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
    return `/outbox${q.size ? `?${q}` : ''}`;
  };
  const current = filter.status?.join(',');
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <ButtonLink href="/senders" variant="secondary">
              {t('senders')}
            </ButtonLink>
            <ButtonLink href="/outbox/compose">{t('compose')}</ButtonLink>
          </>
        }
      />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-7" data-testid="outbox-counts">
        {messageStatusEnum.enumValues.map((s) => (
          <Link
            key={s}
            href={link({ status: current === s ? undefined : s, q: filter.q, queue: filter.queue })}
            className={`rounded-lg border bg-white p-3 text-center shadow-sm hover:border-indigo-300 ${current === s ? 'border-indigo-500' : 'border-slate-200'}`}
          >
            <p className="text-xs uppercase tracking-wide text-slate-500">{tStatus(s)}</p>
            <p className="mt-1 text-2xl font-semibold" data-testid={`count-${s}`}>
              {format.number(stats.byStatus[s])}
            </p>
          </Link>
        ))}
      </div>
      <Card>
        <form className="flex flex-wrap items-end gap-3" method="get" action="/outbox">
          <div className="w-full flex-1 sm:w-auto sm:min-w-60">
            <Input
              name="q"
              type="search"
              aria-label={t('search')}
              placeholder={t('searchPlaceholder')}
              defaultValue={filter.q ?? ''}
            />
          </div>
          <div className="w-full sm:w-40">
            <Select name="status" defaultValue={current ?? ''} aria-label={t('status')}>
              <option value="">{t('anyStatus')}</option>
              {messageStatusEnum.enumValues.map((s) => (
                <option key={s} value={s}>
                  {tStatus(s)}
                </option>
              ))}
            </Select>
          </div>
          <div className="w-full sm:w-40">
            <Select name="queue" defaultValue={filter.queue ?? ''} aria-label={t('queue')}>
              <option value="">{t('bothQueues')}</option>
              <option value="transactional">{tQueue('transactional')}</option>
              <option value="bulk">{tQueue('bulk')}</option>
            </Select>
          </div>
          <button type="submit" className="rounded-md border border-slate-300 px-3 py-2 text-sm">
            {t('filter')}
          </button>
        </form>
      </Card>
      <Table
        head={[t('created'), t('status'), t('to'), t('subject'), t('attempts'), t('lastError')]}
        empty={page.messages.length === 0 ? t('empty') : undefined}
      >
        {page.messages.map((m) => (
          <tr key={m.id}>
            {/* The short form (01/12/2026 19:44): the long one took the width the subject needs. */}
            <td className="whitespace-nowrap px-4 py-2 text-slate-600">
              {formatDate(format, m.createdAt, 'short')}
            </td>
            <td className="px-4 py-2">
              <StatusBadge status={m.status} />
              {m.status === 'scheduled' ? (
                <span className="ml-2 text-xs text-slate-500">{formatDate(format, m.sendAt)}</span>
              ) : null}
            </td>
            <td className="max-w-56 truncate px-4 py-2">{m.to.map((a) => a.address).join(', ')}</td>
            <td className="w-full max-w-0 truncate px-4 py-2">
              <Link href={`/outbox/${m.id}`} className="text-indigo-700 hover:underline" title={m.subject}>
                {m.subject || tc('noSubject')}
              </Link>
            </td>
            <td className="px-4 py-2 text-slate-600">
              {m.attempts}/{m.maxAttempts}
            </td>
            <td
              className="max-w-48 truncate px-4 py-2 text-xs text-red-700"
              title={serverMessageText(tServer, m.lastError)}
            >
              <ServerMessage text={m.lastError} />
            </td>
          </tr>
        ))}
      </Table>
      {page.nextCursor ? (
        <div className="text-right">
          <Link
            className="text-sm text-indigo-700 hover:underline"
            href={link({ status: current, queue: filter.queue, q: filter.q, cursor: page.nextCursor })}
          >
            {t('older')}
          </Link>
        </div>
      ) : null}
    </div>
  );
}
