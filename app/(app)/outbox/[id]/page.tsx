import Link from 'next/link';
import { HtmlFrame } from '@/app/components/html-frame';
import { Button, Card, formatDate, PageHeader, Table } from '@/app/components/ui';
import { orNotFound } from '@/app/or-not-found';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { sanitizeMessageHtml } from '@/lib/mail/sanitize-message-html';
import { getMessage } from '@/lib/outbox/get-message';
import { cancelMessageAction, retryMessageAction } from '../actions';
import { StatusBadge } from '../status-badge';

export const metadata = { title: 'Message' };

const address = (a: { address: string; name?: string }) => (a.name ? `${a.name} <${a.address}>` : a.address);

export default async function MessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSessionOrg();
  const { id } = await params;
  const { message: m, attempts } = await orNotFound(getMessage(getDb(), ctx, id));
  const canCancel = m.status === 'scheduled' || m.status === 'queued';
  const canRetry = ['failed', 'expired', 'cancelled', 'queued'].includes(m.status);
  return (
    <div className="space-y-4">
      <PageHeader
        title={m.subject || '(no subject)'}
        description={`To ${m.to.map(address).join(', ') || '—'}`}
        actions={
          <>
            {canCancel ? (
              <form action={cancelMessageAction}>
                <input type="hidden" name="id" value={m.id} />
                <Button type="submit" variant="danger">
                  Cancel
                </Button>
              </form>
            ) : null}
            {canRetry ? (
              <form action={retryMessageAction}>
                <input type="hidden" name="id" value={m.id} />
                <Button type="submit" variant="secondary">
                  {m.status === 'queued' ? 'Send now' : 'Retry'}
                </Button>
              </form>
            ) : null}
          </>
        }
      />
      <Card>
        <dl className="grid grid-cols-[10rem_1fr] gap-y-1.5 text-sm">
          <dt className="text-slate-500">Status</dt>
          <dd data-testid="message-status">
            <StatusBadge status={m.status} />
            {m.lastError ? <span className="ml-2 text-red-700">{m.lastError}</span> : null}
          </dd>
          <dt className="text-slate-500">From</dt>
          <dd>{address(m.from)}</dd>
          {m.cc.length ? (
            <>
              <dt className="text-slate-500">Cc</dt>
              <dd>{m.cc.map(address).join(', ')}</dd>
            </>
          ) : null}
          {m.bcc.length ? (
            <>
              <dt className="text-slate-500">Bcc</dt>
              <dd>{m.bcc.map(address).join(', ')}</dd>
            </>
          ) : null}
          {m.replyTo ? (
            <>
              <dt className="text-slate-500">Reply-To</dt>
              <dd>{m.replyTo}</dd>
            </>
          ) : null}
          <dt className="text-slate-500">Message-ID</dt>
          <dd className="font-mono text-xs">{m.messageId}</dd>
          <dt className="text-slate-500">Provider id</dt>
          <dd className="font-mono text-xs">{m.providerMessageId ?? '—'}</dd>
          <dt className="text-slate-500">Queue</dt>
          <dd>{m.queue}</dd>
          <dt className="text-slate-500">Attempts</dt>
          <dd>
            {m.attempts} of {m.maxAttempts}
            {m.nextAttemptAt ? ` · next at ${formatDate(m.nextAttemptAt)} UTC` : ''}
          </dd>
          <dt className="text-slate-500">Send at</dt>
          <dd>
            {formatDate(m.sendAt)} UTC{m.expiresAt ? ` · expires ${formatDate(m.expiresAt)} UTC` : ''}
          </dd>
          <dt className="text-slate-500">Sent</dt>
          <dd>{m.sentAt ? `${formatDate(m.sentAt)} UTC` : '—'}</dd>
          {m.retryOf ? (
            <>
              <dt className="text-slate-500">Retry of</dt>
              <dd>
                <Link className="text-indigo-700 underline" href={`/outbox/${m.retryOf}`}>
                  the original message
                </Link>
              </dd>
            </>
          ) : null}
        </dl>
      </Card>
      <Table
        head={['#', 'Outcome', 'Started', 'Server answer', 'Error']}
        empty={attempts.length === 0 ? 'Not tried yet.' : undefined}
      >
        {attempts.map((a) => (
          <tr key={a.number}>
            <td className="px-4 py-2">{a.number}</td>
            <td className="px-4 py-2">{a.outcome.replaceAll('_', ' ')}</td>
            <td className="whitespace-nowrap px-4 py-2 text-slate-600">{formatDate(a.startedAt)}</td>
            <td className="px-4 py-2 font-mono text-xs">{a.response ?? '—'}</td>
            <td className="px-4 py-2 text-xs text-red-700">{a.error ?? ''}</td>
          </tr>
        ))}
      </Table>
      {m.html ? (
        <Card>
          <h3 className="mb-2 text-sm font-medium text-slate-600">HTML</h3>
          <HtmlFrame title="Message HTML" html={sanitizeMessageHtml(m.html)} className="h-96" />
        </Card>
      ) : null}
      <Card>
        <h3 className="mb-2 text-sm font-medium text-slate-600">Text</h3>
        <pre className="whitespace-pre-wrap break-words text-sm">{m.text || '(no text part)'}</pre>
      </Card>
      {m.attachments.length ? (
        <Card>
          <h3 className="mb-2 text-sm font-medium text-slate-600">Attachments</h3>
          <ul className="space-y-1 text-sm">
            {m.attachments.map((f) => (
              <li key={f.id}>
                <a className="text-indigo-700 underline" href={`/outbox/${m.id}/attachments/${f.id}`}>
                  {f.filename}
                </a>{' '}
                <span className="text-slate-500">
                  ({f.contentType}, {Math.ceil(f.size / 1024)} KB)
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {Object.keys(m.headers).length ? (
        <details className="rounded-lg border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer text-sm font-medium text-slate-600">Custom headers</summary>
          <pre className="mt-2 whitespace-pre-wrap break-all text-xs">
            {Object.entries(m.headers)
              .map(([k, v]) => `${k}: ${v}`)
              .join('\n')}
          </pre>
        </details>
      ) : null}
    </div>
  );
}
