// One conversation: every message of the thread (across mailboxes) stacked oldest first, older
// ones folded to a line, the newest and the chosen one open (thread-message.tsx), and the replies
// sent from Mailroom that the mailbox has not synced back yet.
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Alert, Badge, Button, ButtonLink, PageHeader } from '@/app/components/ui';
import { orNotFound } from '@/app/or-not-found';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n/format-date';
import { getMessage } from '@/lib/inbox/get-message';
import { listIntegrations } from '@/lib/inbox/list-integrations';
import { listMessages } from '@/lib/inbox/list-messages';
import { listThreadReplies } from '@/lib/inbox/list-thread-replies';
import type { MessageView } from '@/lib/inbox/messages.schema';
import { StatusBadge } from '../../../outbox/status-badge';
import { markUnreadAction } from '../../actions';
import { MarkReadOnOpen } from '../../mark-read-on-open';
import { ThreadMessage } from './thread-message';

export const generateMetadata = pageTitle('inboxMessage');

/** How many of a conversation's other messages come with their body. */
const LOADED_BODIES = 20;

export default async function MessagePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const { images, sent } = await searchParams;
  const remoteImages = images === '1';
  const { ctx } = await requireSessionOrg();
  const db = getDb();
  const message: MessageView = await orNotFound(getMessage(db, ctx, id, { allowRemoteImages: remoteImages }));
  const [{ messages: thread }, mailboxes] = await Promise.all([
    listMessages(db, ctx, { threadKey: message.threadKey, limit: 200 }),
    listIntegrations(db, ctx),
  ]);
  const [t, tc, format] = await Promise.all([
    getTranslations('inboxMessage'),
    getTranslations('common'),
    getFormatter(),
  ]);
  const names = new Map(mailboxes.map((m) => [m.id, m.name]));
  // The message itself is in the thread list unless it is no longer in the mailbox lists.
  const stack = [...(thread.some((m) => m.id === message.id) ? thread : [message, ...thread])].reverse();
  const newest = stack.at(-1);
  // The bodies of the latest few, so they open in place; older ones link to their own page.
  const loaded = new Map(
    await Promise.all(
      stack
        .filter((m) => m.id !== message.id)
        .slice(-LOADED_BODIES)
        .map(
          async (m) => [m.id, await getMessage(db, ctx, m.id, { allowRemoteImages: remoteImages })] as const,
        ),
    ),
  );
  const replies = await listThreadReplies(db, ctx, thread);
  // Ours once synced from the Sent folder: the stored copy carries the outbox status.
  const ours = new Map(replies.flatMap((r) => (r.storedAs ? [[r.storedAs, r] as const] : [])));
  const pending = replies.filter((r) => !r.storedAs);

  return (
    <div className="space-y-4">
      {message.seen ? null : <MarkReadOnOpen id={message.id} />}
      <PageHeader
        title={message.subject || tc('noSubject')}
        actions={
          <>
            <Link href="/inbox" className="self-center text-sm text-indigo-700 hover:underline">
              {t('back')}
            </Link>
            <ButtonLink href={`/inbox/messages/${message.id}/reply`} variant="secondary">
              {t('reply')}
            </ButtonLink>
            <ButtonLink href={`/inbox/messages/${message.id}/reply?mode=all`} variant="secondary">
              {t('replyAll')}
            </ButtonLink>
            <ButtonLink href={`/inbox/messages/${message.id}/reply?mode=forward`} variant="secondary">
              {t('forward')}
            </ButtonLink>
            <form action={markUnreadAction}>
              <input type="hidden" name="id" value={message.id} />
              <Button type="submit" variant="secondary">
                {t('markUnread')}
              </Button>
            </form>
          </>
        }
      />
      {sent ? <Alert kind="success">{t('sentNotice')}</Alert> : null}
      <section aria-labelledby="conversation-title" className="space-y-2">
        <h2 id="conversation-title" className="text-sm font-medium text-slate-600">
          {t('conversation', { count: stack.length + pending.length })}
        </h2>
        {/* Oldest first, as a conversation reads; the newest (and the one the link named) open. */}
        <ol className="space-y-2" data-testid="thread">
          {stack.map((m) => (
            <li key={m.id}>
              <ThreadMessage
                summary={m}
                message={m.id === message.id ? message : loaded.get(m.id)}
                open={m.id === message.id || m.id === newest?.id}
                primary={m.id === message.id}
                mailbox={names.get(m.integrationId) ?? '?'}
                sentStatus={ours.get(m.id)?.status}
                remoteImages={remoteImages}
              />
            </li>
          ))}
          {pending.map((r) => (
            <li
              key={r.id}
              data-testid="thread-reply"
              className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm"
            >
              <Link href={`/outbox/${r.id}`} className="hover:underline">
                {formatDate(format, r.sentAt ?? r.createdAt)} · {r.to.join(', ')} ·{' '}
                {r.subject || tc('noSubject')}
              </Link>{' '}
              <Badge tone="green">{t('sentFromMailroom')}</Badge> <StatusBadge status={r.status} />
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
