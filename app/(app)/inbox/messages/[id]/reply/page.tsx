// The reply editor: Reply, Reply all or Forward one message of the shared inbox, with the
// recipients and subject worked out from the original (editable) and the original quoted below.
import { eq } from 'drizzle-orm';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Alert, Card, PageHeader } from '@/app/components/ui';
import { orNotFound } from '@/app/or-not-found';
import { AppError } from '@/lib/api/errors';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { inboxAttachments, inboxMailboxes } from '@/lib/db/schema/inbox';
import { getMessageRow } from '@/lib/inbox/get-message';
import { prefixed, replyRecipients } from '@/lib/inbox/reply-to-message';
import { resolveReplySender } from '@/lib/inbox/resolve-reply-sender';
import { ReplyForm } from './reply-form';

export const generateMetadata = pageTitle('replyEditor');

export default async function ReplyPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ mode?: string }>;
}) {
  const [{ id }, { mode: rawMode }] = await Promise.all([params, searchParams]);
  const mode = rawMode === 'all' || rawMode === 'forward' ? rawMode : 'reply';
  const { ctx } = await requireSessionOrg();
  const db = getDb();
  const original = await orNotFound(getMessageRow(db, ctx, id));
  const [t, [mailbox]] = await Promise.all([
    getTranslations('replyEditor'),
    db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, original.mailboxId)),
  ]);
  let sender: Awaited<ReturnType<typeof resolveReplySender>> | null = null;
  try {
    sender = await resolveReplySender(db, ctx, mailbox!);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
  const title = t(mode === 'forward' ? 'titleForward' : mode === 'all' ? 'titleReplyAll' : 'titleReply');
  const back = (
    <Link href={`/inbox/messages/${id}`} className="self-center text-sm text-indigo-700 hover:underline">
      {t('back')}
    </Link>
  );
  if (!sender) {
    return (
      <div className="space-y-4">
        <PageHeader title={title} actions={back} />
        <Alert kind="error">
          {t('noSender')}{' '}
          <Link className="underline" href={`/inbox/mailboxes/${mailbox!.id}`}>
            {t('linkSender')}
          </Link>
        </Alert>
      </div>
    );
  }
  const own = new Set([mailbox!.username.toLowerCase(), sender.fromAddress.toLowerCase()]);
  const recipients =
    mode === 'forward' ? { to: [], cc: [] } : replyRecipients(original, own, { all: mode === 'all' });
  const format = (list: { address: string; name?: string }[]) =>
    list.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');
  const files =
    mode === 'forward'
      ? (
          await db
            .select({ filename: inboxAttachments.filename, inline: inboxAttachments.inline })
            .from(inboxAttachments)
            .where(eq(inboxAttachments.inboxMessageId, original.id))
        )
          .filter((f) => !f.inline)
          .map((f) => f.filename)
      : [];
  return (
    <div className="space-y-4">
      <PageHeader title={title} description={original.subject} actions={back} />
      <Card>
        <ReplyForm
          defaults={{
            id,
            mode,
            to: format(recipients.to),
            cc: format(recipients.cc),
            subject: prefixed(original.subject, mode === 'forward' ? 'Fwd:' : 'Re:'),
            from: sender.fromName ? `${sender.fromName} <${sender.fromAddress}>` : sender.fromAddress,
            quote: original.text ?? '',
            attachments: files,
          }}
        />
      </Card>
    </div>
  );
}
