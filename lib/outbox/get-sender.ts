// One sender account of the organisation (404 for another organisation's or a deleted one), with
// its credential's status as the list shows it (a connected account's "needs reconnect").
import { and, eq, isNull } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { credentials } from '../db/schema/credentials';
import { senderAccounts } from '../db/schema/outbox';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { type SenderView, toSenderView } from './sender.schema';

export async function getSender(db: DbOrTx, ctx: OrgContext, id: string): Promise<SenderView> {
  const row = firstOr404(
    await db
      .select({ sender: senderAccounts, status: credentials.status, statusReason: credentials.statusReason })
      .from(senderAccounts)
      .leftJoin(credentials, eq(credentials.id, senderAccounts.credentialId))
      .where(
        and(
          byIdInOrg(senderAccounts, id, ctx),
          eq(senderAccounts.channel, 'email'),
          isNull(senderAccounts.deletedAt),
        ),
      ),
    'Sender account',
  );
  return toSenderView(row.sender, row.status ? { status: row.status, statusReason: row.statusReason } : null);
}
