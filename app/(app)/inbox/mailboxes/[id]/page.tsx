import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { ServerMessage } from '@/app/components/server-message';
import { Alert, Badge, Button, Card, PageHeader, Table } from '@/app/components/ui';
import { orNotFound } from '@/app/or-not-found';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n/format-date';
import { formatSize } from '@/lib/i18n/format-size';
import type { IntegrationView } from '@/lib/inbox/integrations.schema';
import { getIntegration } from '@/lib/inbox/list-integrations';
import { listQuarantined } from '@/lib/inbox/list-quarantined';
import { listRemovedLocations } from '@/lib/inbox/list-removed-locations';
import { inboxPresets } from '@/lib/inbox/presets';
import { listSenders } from '@/lib/outbox/list-senders';
import { NeedsReconnectNotice } from '../../../senders/needs-reconnect-notice';
import { deleteMailboxAction, syncMailboxAction } from '../actions';
import { MailboxForm } from '../mailbox-form';
import { SavedNotice } from '../saved-notice';
import { MailboxStatusBadge } from '../status-badge';

export const generateMetadata = pageTitle('mailbox');

const reasons = {
  schedule: 'reasonSchedule',
  manual: 'reasonManual',
  cli: 'reasonCli',
  push: 'reasonPush',
} as const;

export default async function MailboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const { saved } = await searchParams;
  const { ctx } = await requireSessionOrg();
  const mailbox: IntegrationView = await orNotFound(getIntegration(getDb(), ctx, id));
  const { quarantined } = await listQuarantined(getDb(), ctx, { integrationId: id, limit: 50 });
  const senders = await listSenders(getDb(), ctx);
  const removed = await listRemovedLocations(getDb(), ctx, id);
  const run = mailbox.lastRun;
  const [t, tc, format] = await Promise.all([
    getTranslations('mailboxes'),
    getTranslations('common'),
    getFormatter(),
  ]);
  const when = (d: Date | string | null) => formatDate(format, d);
  return (
    <div className="space-y-6">
      <PageHeader
        title={mailbox.name}
        description={t('onHost', {
          username: mailbox.username,
          host: mailbox.host,
          port: String(mailbox.port),
        })}
        actions={
          <>
            <Link
              href={`/inbox?mailbox=${mailbox.id}`}
              className="self-center text-sm text-indigo-700 hover:underline"
            >
              {t('itsMessages')}
            </Link>
            <form action={syncMailboxAction}>
              <input type="hidden" name="id" value={mailbox.id} />
              <Button type="submit">{t('syncNow')}</Button>
            </form>
          </>
        }
      />
      {saved ? <SavedNotice text={t('saved')} /> : null}
      <NeedsReconnectNotice ctx={ctx} use={{ mailboxId: mailbox.id }} />
      <Card>
        <div className="flex flex-wrap items-center gap-3">
          <MailboxStatusBadge mailbox={mailbox} />
          <span className="text-sm text-slate-600">
            {t('syncLine', {
              last: when(mailbox.lastSyncAt),
              success: when(mailbox.lastSuccessAt),
              next: mailbox.active ? when(mailbox.nextSyncAt) : t('paused'),
            })}
          </span>
          <span className="text-sm text-slate-600">
            {t('countsLine', { messages: mailbox.counts.messages, quarantined: mailbox.counts.quarantined })}
          </span>
        </div>
        {mailbox.lastError ? (
          <div className="mt-3">
            <Alert kind={mailbox.status === 'error' ? 'error' : 'info'}>
              <span data-testid="mailbox-error">
                <ServerMessage text={mailbox.lastError} />
              </span>
              {mailbox.consecutiveFailures > 1
                ? t('failuresInRow', { count: mailbox.consecutiveFailures })
                : ''}
            </Alert>
          </div>
        ) : null}
        {run ? (
          <div className="mt-4">
            <h2 className="mb-2 text-sm font-medium text-slate-600">
              {t('lastRun', {
                reason: t(reasons[run.reason]),
                seconds: Math.round(run.durationMs / 100) / 10,
              })}
            </h2>
            <Table
              head={[
                t('folder'),
                t('new'),
                t('alreadyStored'),
                t('quarantined'),
                t('removedOnServer'),
                t('flagChanges'),
                t('note'),
              ]}
            >
              {run.folders.map((f) => (
                <tr key={f.folder}>
                  <td className="px-4 py-2">{f.folder}</td>
                  <td className="px-4 py-2">{f.imported}</td>
                  <td className="px-4 py-2">{f.duplicates}</td>
                  <td className="px-4 py-2">{f.quarantined}</td>
                  <td className="px-4 py-2">{f.removed}</td>
                  <td className="px-4 py-2">{f.flagUpdates}</td>
                  <td className="px-4 py-2 text-xs text-slate-600">
                    {f.error ? (
                      <span className="text-red-700">
                        <ServerMessage text={f.error} />
                      </span>
                    ) : null}
                    {f.unchanged ? t('nothingNew') : null}
                    {f.uidValidityChanged ? t('renumbered') : null}
                    {f.backfillPending ? t('backfill') : null}
                  </td>
                </tr>
              ))}
            </Table>
          </div>
        ) : null}
      </Card>

      <Card>
        <h2 className="mb-4 text-lg font-semibold">{t('settings')}</h2>
        <MailboxForm
          presets={inboxPresets}
          mailbox={mailbox}
          senders={senders.map((s) => ({ id: s.id, label: `${s.name} <${s.fromAddress}>` }))}
        />
      </Card>

      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t('removedTitle')}</h2>
        <p className="mb-3 text-sm text-slate-600">{t('removedHelp')}</p>
        <Table
          head={[t('removedWhen'), t('folder'), t('from'), t('subject'), t('removedOutcome')]}
          empty={removed.length === 0 ? t('nothingRemoved') : undefined}
        >
          {removed.map((r) => (
            <tr key={`${r.messageId}:${r.folder}:${r.goneAt.toISOString()}`} data-testid="removed-row">
              <td className="px-4 py-2 whitespace-nowrap text-slate-600">{when(r.goneAt)}</td>
              <td className="px-4 py-2">{r.folder}</td>
              <td className="px-4 py-2">{r.fromName || r.fromAddress}</td>
              <td className="px-4 py-2">
                <Link href={`/inbox/messages/${r.messageId}`} className="text-indigo-700 hover:underline">
                  {r.subject || tc('noSubject')}
                </Link>
              </td>
              <td className="px-4 py-2 text-slate-600">
                {r.stillIn.length > 0
                  ? t('removedMovedTo', { folders: r.stillIn.join(', ') })
                  : t('removedDeleted')}
              </td>
            </tr>
          ))}
        </Table>
      </Card>

      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t('quarantine')}</h2>
        <p className="mb-3 text-sm text-slate-600">{t('quarantineHelp')}</p>
        <Table
          head={[t('received'), t('from'), t('subject'), t('reason'), t('size'), '']}
          empty={quarantined.length === 0 ? t('nothingQuarantined') : undefined}
        >
          {quarantined.map((q) => (
            <tr key={q.id}>
              <td className="px-4 py-2 whitespace-nowrap text-slate-600">{when(q.receivedAt)}</td>
              <td className="px-4 py-2">{q.from}</td>
              <td className="px-4 py-2">{q.subject || tc('noSubject')}</td>
              <td className="px-4 py-2 text-xs text-red-700">{q.error}</td>
              <td className="px-4 py-2 text-slate-600">{formatSize(format, q.rawSize)}</td>
              <td className="px-4 py-2">
                {q.rawUrl ? (
                  <a href={q.rawUrl} className="text-indigo-700 hover:underline">
                    {t('download')}
                  </a>
                ) : (
                  <Badge>{t('notFetched')}</Badge>
                )}
              </td>
            </tr>
          ))}
        </Table>
      </Card>

      {ctx.role !== 'member' ? (
        <form action={deleteMailboxAction}>
          <input type="hidden" name="id" value={mailbox.id} />
          <Button type="submit" variant="danger">
            {t('disconnect')}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
