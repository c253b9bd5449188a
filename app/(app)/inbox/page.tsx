// The shared inbox: every mailbox's mail in one list, grouped into conversations by their thread
// headers, newest first, with a mailbox filter, search and unread-only.
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Badge, Button, ButtonLink, Input, PageHeader, Select, Table } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import type { InboxAutomaticKind } from '@/lib/db/schema/inbox';
import { isUuid } from '@/lib/db/scoped';
import { formatDate } from '@/lib/i18n/format-date';
import { listIntegrations } from '@/lib/inbox/list-integrations';
import { listThreads } from '@/lib/inbox/list-threads';
import { InboxLive } from './inbox-live';

export const generateMetadata = pageTitle('inbox');

const PAGE_SIZE = 50;

/** How each kind of mail no person wrote is labelled in the list. */
const AUTOMATIC_LABELS = {
  bounce: { tone: 'red', key: 'labelBounce' },
  'auto-reply': { tone: 'amber', key: 'labelAutoReply' },
  'delivery-report': { tone: 'green', key: 'labelDeliveryReport' },
} as const satisfies Record<InboxAutomaticKind, { tone: string; key: string }>;

export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { ctx } = await requireSessionOrg();
  const raw = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  const mailboxId = isUuid(one(raw.mailbox)) ? one(raw.mailbox) : '';
  const q = one(raw.q).trim().slice(0, 200);
  const unread = one(raw.unread) === '1';
  const page = Math.max(1, Math.min(1000, Number.parseInt(one(raw.page), 10) || 1));
  const db = getDb();
  const [mailboxes, { threads, more }] = await Promise.all([
    listIntegrations(db, ctx),
    listThreads(db, ctx, {
      integrationId: mailboxId || undefined,
      q: q || undefined,
      unread,
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    }),
  ]);
  const [tr, tc, format] = await Promise.all([
    getTranslations('inbox'),
    getTranslations('common'),
    getFormatter(),
  ]);
  const names = new Map(mailboxes.map((m) => [m.id, m.name]));
  const failing = mailboxes.filter((m) => m.status === 'error');
  const pageHref = (n: number) =>
    `/inbox?${new URLSearchParams({ ...(mailboxId ? { mailbox: mailboxId } : {}), ...(q ? { q } : {}), ...(unread ? { unread: '1' } : {}), page: String(n) })}`;

  return (
    <div className="space-y-6">
      <PageHeader
        title={tr('title')}
        description={tr('description')}
        actions={
          <ButtonLink href="/inbox/mailboxes" variant="secondary">
            {tr('mailboxes')}
          </ButtonLink>
        }
      />
      <InboxLive />
      {failing.length > 0 ? (
        <p className="rounded-md border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
          {tr('syncFailed', { names: failing.map((m) => m.name).join(', ') })}{' '}
          <Link href="/inbox/mailboxes" className="underline">
            {tr('seeWhy')}
          </Link>
        </p>
      ) : null}
      <form className="flex flex-wrap items-end gap-3" action="/inbox">
        <div className="w-full sm:w-56">
          <Select name="mailbox" defaultValue={mailboxId} aria-label={tr('mailboxFilter')}>
            <option value="">{tr('allMailboxes')}</option>
            {mailboxes.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="w-full sm:w-72">
          <Input name="q" defaultValue={q} placeholder={tr('searchPlaceholder')} aria-label={tr('search')} />
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" name="unread" value="1" defaultChecked={unread} /> {tr('unreadOnly')}
        </label>
        <Button type="submit" variant="secondary">
          {tr('filter')}
        </Button>
      </form>
      <Table
        head={['', tr('from'), tr('subject'), tr('mailbox'), tr('received')]}
        empty={
          threads.length === 0 ? (mailboxes.length === 0 ? tr('emptyNoMailbox') : tr('empty')) : undefined
        }
        emptyAction={
          threads.length === 0 && mailboxes.length === 0 ? (
            <ButtonLink href="/inbox/mailboxes/new">{tr('connectMailbox')}</ButtonLink>
          ) : undefined
        }
      >
        {threads.map((t) => (
          <tr key={t.threadKey} className={t.unread > 0 ? 'font-semibold' : ''} data-testid="inbox-thread">
            <td className="w-6 px-2 py-2 text-center">
              {t.unread > 0 ? (
                <span className="inline-block h-2 w-2 rounded-full bg-indigo-600" title={tr('unread')} />
              ) : null}
            </td>
            <td className="max-w-48 truncate px-4 py-2 whitespace-nowrap">
              {t.fromName || t.fromAddress || tr('unknownSender')}
            </td>
            {/* w-full max-w-0: the subject takes the room left and is cut with an ellipsis. */}
            <td className="w-full max-w-0 px-4 py-2">
              <div className="flex min-w-0 items-baseline">
                <Link
                  href={`/inbox/messages/${t.latestId}`}
                  className="truncate text-slate-900 hover:underline"
                  title={t.subject || undefined}
                >
                  {t.subject || tc('noSubject')}
                </Link>
                {t.automatic ? (
                  <span className="ml-2 shrink-0" data-testid="automatic-label">
                    <Badge tone={AUTOMATIC_LABELS[t.automatic].tone}>
                      {tr(AUTOMATIC_LABELS[t.automatic].key)}
                    </Badge>
                  </span>
                ) : null}
                {t.count > 1 ? (
                  <span className="ml-2 shrink-0 text-xs text-slate-500">({t.count})</span>
                ) : null}
                {t.hasAttachments ? <span className="ml-2 shrink-0 text-xs text-slate-500">📎</span> : null}
              </div>
              <p className="truncate text-xs font-normal text-slate-500">{t.snippet}</p>
            </td>
            <td className="px-4 py-2">
              {t.mailboxIds.map((id) => (
                <Badge key={id} tone="indigo">
                  {names.get(id) ?? '?'}
                </Badge>
              ))}
            </td>
            <td className="px-4 py-2 whitespace-nowrap font-normal text-slate-600">
              {formatDate(format, t.lastReceivedAt)}
            </td>
          </tr>
        ))}
      </Table>
      <div className="flex justify-between text-sm">
        {page > 1 ? (
          <Link href={pageHref(page - 1)} className="text-indigo-700 hover:underline">
            {tr('newer')}
          </Link>
        ) : (
          <span />
        )}
        {more ? (
          <Link href={pageHref(page + 1)} className="text-indigo-700 hover:underline">
            {tr('older')}
          </Link>
        ) : null}
      </div>
    </div>
  );
}
