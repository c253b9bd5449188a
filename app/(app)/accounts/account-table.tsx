// The list of an organisation's accounts on one channel (email senders, SMS accounts): name and
// default badge, the channel's own server and limits cells, the status (paused, unreachable, last
// test) and the row's actions. Each page says only what differs: its columns' contents and words.
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ServerMessage, serverMessageText } from '@/app/components/server-message';
import { Badge, Button, Table } from '@/app/components/ui';
import { formatDate } from '@/lib/i18n/format-date';
import { AccountRowActions } from './account-row-actions';
import { makeDefaultAccountAction, resumeAccountAction } from './actions';

export type AccountChannel = 'email' | 'sms';

/** What every account shows, whichever its channel. */
export type ListedAccount = {
  id: string;
  name: string;
  isDefault: boolean;
  pausedUntil: Date | null;
  pauseReason: string | null;
  unreachableSince: Date | null;
  lastVerifiedAt: Date | null;
  lastVerifyOk: boolean | null;
  lastVerifyMessage: string | null;
};

export async function AccountTable<A extends ListedAccount>({
  channel,
  accounts,
  canManage,
  serverHead,
  empty,
  editHref,
  subtitle,
  server,
  limits,
  statusNote,
  testLabel,
  confirmDelete,
}: {
  channel: AccountChannel;
  accounts: A[];
  canManage: boolean;
  /** The second column's title ("Server", "Provider"). */
  serverHead: string;
  empty: string;
  editHref: (a: A) => string;
  subtitle: (a: A) => ReactNode;
  server: (a: A) => ReactNode;
  limits: (a: A) => ReactNode;
  /** Shown above the status (a connected account that needs reconnecting). */
  statusNote?: (a: A) => ReactNode;
  testLabel: string;
  confirmDelete: (a: A) => string;
}) {
  const [t, format, tServer] = await Promise.all([
    getTranslations('accounts'),
    getFormatter(),
    getTranslations('serverMessages'),
  ]);
  const idInput = (a: A) => (
    <>
      <input type="hidden" name="channel" value={channel} />
      <input type="hidden" name="id" value={a.id} />
    </>
  );
  return (
    <Table
      head={[t('account'), serverHead, t('limits'), t('status'), '']}
      empty={accounts.length === 0 ? empty : undefined}
    >
      {accounts.map((a) => (
        <tr key={a.id} className="align-top">
          <td className="px-4 py-3">
            <p className="font-medium">
              {a.name} {a.isDefault ? <Badge tone="indigo">{t('default')}</Badge> : null}
            </p>
            <p className="text-xs text-slate-600">{subtitle(a)}</p>
          </td>
          <td className="px-4 py-3 text-xs text-slate-700">{server(a)}</td>
          <td className="px-4 py-3 text-xs text-slate-700">{limits(a)}</td>
          <td className="px-4 py-3 text-xs">
            {statusNote?.(a)}
            {a.pausedUntil || a.unreachableSince ? (
              <div className="space-y-1">
                <Badge tone="amber">
                  {a.unreachableSince
                    ? t('unreachableSince', {
                        since: formatDate(format, a.unreachableSince),
                        next: a.pausedUntil ? formatDate(format, a.pausedUntil) : t('nextTryNow'),
                      })
                    : t('pausedUntil', { when: formatDate(format, a.pausedUntil!) })}
                </Badge>
                <p className="max-w-xs text-slate-600">
                  <ServerMessage text={a.pauseReason} />
                </p>
                {canManage ? (
                  <form action={resumeAccountAction}>
                    {idInput(a)}
                    <button type="submit" className="text-indigo-700 underline">
                      {t('resume')}
                    </button>
                  </form>
                ) : null}
              </div>
            ) : (
              <Badge tone="green">{t('active')}</Badge>
            )}
            {a.lastVerifiedAt ? (
              <p className={`mt-1 max-w-xs ${a.lastVerifyOk ? 'text-green-700' : 'text-red-700'}`}>
                {t('tested', {
                  when: formatDate(format, a.lastVerifiedAt),
                  result: serverMessageText(tServer, a.lastVerifyMessage),
                })}
              </p>
            ) : null}
          </td>
          <td className="px-4 py-3">
            {canManage ? (
              <div className="space-y-2">
                <AccountRowActions
                  channel={channel}
                  id={a.id}
                  testLabel={testLabel}
                  confirmDelete={confirmDelete(a)}
                />
                <div className="flex gap-3 text-sm">
                  <Link className="text-indigo-700 underline" href={editHref(a)}>
                    {t('edit')}
                  </Link>
                  {a.isDefault ? null : (
                    <form action={makeDefaultAccountAction}>
                      {idInput(a)}
                      <Button type="submit" variant="secondary" className="py-1">
                        {t('makeDefault')}
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
  );
}
