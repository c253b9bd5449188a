// On a connected account's own page (its sender or its mailbox): when the provider refused the
// grant, say so at the top with the provider's reason and the way to fix it, as the lists do.
import { getTranslations } from 'next-intl/server';
import { ServerMessage } from '@/app/components/server-message';
import { Alert } from '@/app/components/ui';
import type { OrgContext } from '@/lib/auth/org-context';
import { getDb } from '@/lib/db/client';
import { listConnectedAccounts } from '@/lib/oauth/list-connected-accounts';
import { ReconnectLink } from './connect-accounts';

export async function NeedsReconnectNotice({
  ctx,
  use,
}: {
  ctx: OrgContext;
  use: { senderId: string } | { mailboxId: string };
}) {
  const account = (await listConnectedAccounts(getDb(), ctx)).find((a) =>
    'senderId' in use ? a.sender?.id === use.senderId : a.mailbox?.id === use.mailboxId,
  );
  if (account?.status !== 'needs_reconnect') return null;
  const t = await getTranslations('connect');
  return (
    <div data-testid="needs-reconnect-notice">
      <Alert kind="error">
        {t('needsReconnectNotice', { address: account.address })}{' '}
        {account.statusReason ? <ServerMessage text={account.statusReason} /> : null}{' '}
        {ctx.role !== 'member' ? <ReconnectLink provider={account.provider} accountId={account.id} /> : null}
      </Alert>
    </div>
  );
}
