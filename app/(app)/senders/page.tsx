import Link from 'next/link';
import { Alert, Badge, Button, Card, formatDate, PageHeader, Table } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { smtpPresets } from '@/lib/mail/smtp-presets';
import { getOutboxSettings } from '@/lib/outbox/get-outbox-settings';
import { listSenders } from '@/lib/outbox/list-senders';
import { makeDefaultAction, resumeSenderAction } from './actions';
import { ConnectAccounts, ReconnectLink } from './connect-accounts';
import { SenderActions } from './sender-actions';
import { SenderForm } from './sender-form';
import { SettingsForm } from './settings-form';

export const metadata = { title: 'Sender accounts' };

export default async function SendersPage({
  searchParams,
}: {
  searchParams: Promise<{ connected?: string; connect_error?: string }>;
}) {
  const { ctx } = await requireSessionOrg();
  const { connected, connect_error: connectError } = await searchParams;
  const db = getDb();
  const [senders, settings] = await Promise.all([listSenders(db, ctx), getOutboxSettings(db, ctx)]);
  const canManage = ctx.role !== 'member';
  const defaultIsPreview = senders.find((s) => s.isDefault)?.kind !== 'smtp';
  return (
    <div className="space-y-6">
      <PageHeader
        title="Sender accounts"
        description="The accounts your mail goes out through. Passwords are sealed and never shown again."
      />
      {connected ? <Alert kind="success">Connected {connected}.</Alert> : null}
      {connectError ? <Alert kind="error">The account was not connected: {connectError}</Alert> : null}
      <Table
        head={['Account', 'Server', 'Limits', 'Status', '']}
        empty={senders.length === 0 ? 'No sender account yet.' : undefined}
      >
        {senders.map((s) => (
          <tr key={s.id} className="align-top">
            <td className="px-4 py-3">
              <p className="font-medium">
                {s.name} {s.isDefault ? <Badge tone="indigo">default</Badge> : null}
              </p>
              <p className="text-xs text-slate-600">
                {s.fromName ? `${s.fromName} <${s.fromAddress}>` : s.fromAddress}
              </p>
            </td>
            <td className="px-4 py-3 text-xs text-slate-700">
              {s.kind === 'preview' ? (
                <Link className="text-indigo-700 underline" href="/preview">
                  Preview mailbox
                </Link>
              ) : s.kind === 'gmail' ? (
                'Gmail API · connected with Google'
              ) : (
                <>
                  {s.kind === 'microsoft' ? 'Microsoft 365 · ' : ''}
                  {s.host}:{s.port} · {s.security}
                  <br />
                  {s.username ?? 'no sign-in'}
                  {s.hasPassword ? ' · password stored' : ''}
                </>
              )}
            </td>
            <td className="px-4 py-3 text-xs text-slate-700">
              {s.ratePerMinute ? `${s.ratePerMinute}/min` : 'no per-minute limit'}
              <br />
              {s.ratePerDay ? `${s.ratePerDay.toLocaleString('en')}/day` : 'no daily limit'}
            </td>
            <td className="px-4 py-3 text-xs">
              {s.needsReconnect ? (
                <div className="mb-1 space-y-1">
                  <Badge tone="red">needs reconnect</Badge>
                  <p className="max-w-xs text-slate-600">{s.needsReconnect}</p>
                  {canManage ? (
                    <ReconnectLink provider={s.kind === 'gmail' ? 'google' : 'microsoft'} senderId={s.id} />
                  ) : null}
                </div>
              ) : null}
              {s.pausedUntil ? (
                <div className="space-y-1">
                  <Badge tone="amber">paused until {formatDate(s.pausedUntil)} UTC</Badge>
                  <p className="max-w-xs text-slate-600">{s.pauseReason}</p>
                  {canManage ? (
                    <form action={resumeSenderAction}>
                      <input type="hidden" name="id" value={s.id} />
                      <button type="submit" className="text-indigo-700 underline">
                        Resume now
                      </button>
                    </form>
                  ) : null}
                </div>
              ) : (
                <Badge tone="green">active</Badge>
              )}
              {s.lastVerifiedAt ? (
                <p className={`mt-1 max-w-xs ${s.lastVerifyOk ? 'text-green-700' : 'text-red-700'}`}>
                  Tested {formatDate(s.lastVerifiedAt)}: {s.lastVerifyMessage}
                </p>
              ) : null}
            </td>
            <td className="px-4 py-3">
              {canManage ? (
                <div className="space-y-2">
                  <SenderActions id={s.id} />
                  <div className="flex gap-3 text-sm">
                    <Link className="text-indigo-700 underline" href={`/senders/${s.id}`}>
                      Edit
                    </Link>
                    {s.isDefault ? null : (
                      <form action={makeDefaultAction}>
                        <input type="hidden" name="id" value={s.id} />
                        <Button type="submit" variant="secondary" className="py-1">
                          Make default
                        </Button>
                      </form>
                    )}
                  </div>
                </div>
              ) : null}
            </td>
          </tr>
        ))}
      </Table>
      {canManage ? (
        <>
          <Card>
            <h2 className="mb-4 text-lg font-semibold">Connect a Google or Microsoft account</h2>
            <ConnectAccounts />
          </Card>
          <Card>
            <h2 className="mb-4 text-lg font-semibold">Add an account</h2>
            <SenderForm presets={smtpPresets} suggestDefault={defaultIsPreview} />
          </Card>
          <Card>
            <h2 className="mb-4 text-lg font-semibold">Delivery</h2>
            <SettingsForm maxAttempts={settings.maxAttempts} />
          </Card>
        </>
      ) : (
        <p className="text-sm text-slate-600">Only owners and admins can add or change accounts.</p>
      )}
    </div>
  );
}
