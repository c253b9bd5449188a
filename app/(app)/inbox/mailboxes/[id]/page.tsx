import Link from 'next/link';
import { Alert, Badge, Button, Card, formatDate, PageHeader, Table } from '@/app/components/ui';
import { orNotFound } from '@/app/or-not-found';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import type { IntegrationView } from '@/lib/inbox/integrations.schema';
import { getIntegration } from '@/lib/inbox/list-integrations';
import { listQuarantined } from '@/lib/inbox/list-quarantined';
import { inboxPresets } from '@/lib/inbox/presets';
import { deleteMailboxAction, syncMailboxAction } from '../actions';
import { MailboxForm } from '../mailbox-form';
import { MailboxStatusBadge } from '../status-badge';

export const metadata = { title: 'Mailbox' };

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
  const run = mailbox.lastRun;
  return (
    <div className="space-y-6">
      <PageHeader
        title={mailbox.name}
        description={`${mailbox.username} on ${mailbox.host}:${mailbox.port}`}
        actions={
          <>
            <Link
              href={`/inbox?mailbox=${mailbox.id}`}
              className="self-center text-sm text-indigo-700 hover:underline"
            >
              Its messages
            </Link>
            <form action={syncMailboxAction}>
              <input type="hidden" name="id" value={mailbox.id} />
              <Button type="submit">Sync now</Button>
            </form>
          </>
        }
      />
      {saved ? <Alert kind="success">Saved. The worker will sync it within a minute.</Alert> : null}
      <Card>
        <div className="flex flex-wrap items-center gap-3">
          <MailboxStatusBadge mailbox={mailbox} />
          <span className="text-sm text-slate-600">
            Last sync {formatDate(mailbox.lastSyncAt)} · last success {formatDate(mailbox.lastSuccessAt)} ·
            next check {mailbox.active ? formatDate(mailbox.nextSyncAt) : 'paused'}
          </span>
          <span className="text-sm text-slate-600">
            {mailbox.counts.messages} messages · {mailbox.counts.quarantined} quarantined
          </span>
        </div>
        {mailbox.lastError ? (
          <div className="mt-3">
            <Alert kind={mailbox.status === 'error' ? 'error' : 'info'}>
              <span data-testid="mailbox-error">{mailbox.lastError}</span>
              {mailbox.consecutiveFailures > 1 ? ` (${mailbox.consecutiveFailures} failures in a row)` : ''}
            </Alert>
          </div>
        ) : null}
        {run ? (
          <div className="mt-4">
            <h2 className="mb-2 text-sm font-medium text-slate-600">
              Last run ({run.reason}, {(run.durationMs / 1000).toFixed(1)} s)
            </h2>
            <Table head={['Folder', 'New', 'Already stored', 'Quarantined', 'Read-state changes', 'Note']}>
              {run.folders.map((f) => (
                <tr key={f.folder}>
                  <td className="px-4 py-2">{f.folder}</td>
                  <td className="px-4 py-2">{f.imported}</td>
                  <td className="px-4 py-2">{f.duplicates}</td>
                  <td className="px-4 py-2">{f.quarantined}</td>
                  <td className="px-4 py-2">{f.flagUpdates}</td>
                  <td className="px-4 py-2 text-xs text-slate-600">
                    {f.error ? <span className="text-red-700">{f.error}</span> : null}
                    {f.unchanged ? 'nothing new' : null}
                    {f.uidValidityChanged
                      ? 'folder renumbered by the server: matched again, no duplicates'
                      : null}
                    {f.backfillPending ? ' older mail still being fetched' : null}
                  </td>
                </tr>
              ))}
            </Table>
          </div>
        ) : null}
      </Card>

      <Card>
        <h2 className="mb-4 text-lg font-semibold">Settings</h2>
        <MailboxForm presets={inboxPresets} mailbox={mailbox} />
      </Card>

      <Card>
        <h2 className="mb-2 text-lg font-semibold">Quarantine</h2>
        <p className="mb-3 text-sm text-slate-600">
          Messages that could not be imported, with the reason. They never block the rest.
        </p>
        <Table
          head={['Received', 'From', 'Subject', 'Reason', 'Size', '']}
          empty={quarantined.length === 0 ? 'Nothing quarantined.' : undefined}
        >
          {quarantined.map((q) => (
            <tr key={q.id}>
              <td className="px-4 py-2 whitespace-nowrap text-slate-600">{formatDate(q.receivedAt)}</td>
              <td className="px-4 py-2">{q.from}</td>
              <td className="px-4 py-2">{q.subject || '(no subject)'}</td>
              <td className="px-4 py-2 text-xs text-red-700">{q.error}</td>
              <td className="px-4 py-2 text-slate-600">{Math.ceil(q.rawSize / 1024)} KB</td>
              <td className="px-4 py-2">
                {q.rawUrl ? (
                  <a href={q.rawUrl} className="text-indigo-700 hover:underline">
                    Download
                  </a>
                ) : (
                  <Badge>not fetched</Badge>
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
            Disconnect and delete its messages from Mailroom
          </Button>
        </form>
      ) : null}
    </div>
  );
}
