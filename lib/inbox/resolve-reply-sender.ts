// Which sender account a reply from a mailbox goes out through: the one the mailbox names; else the
// one sharing its credential (a connected Google or Microsoft account is one account, receiving
// and sending); else one whose From is the mailbox's address; else the organisation's default.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { badRequest } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import type { InboxMailbox } from '../db/schema/inbox';
import { type SenderAccount, senderAccounts } from '../db/schema/outbox';

export async function resolveReplySender(
  db: DbOrTx,
  ctx: OrgContext,
  mailbox: Pick<InboxMailbox, 'senderId' | 'credentialId' | 'username'>,
): Promise<SenderAccount> {
  const s = senderAccounts;
  const rows = await db
    .select()
    .from(s)
    .where(and(eq(s.orgId, ctx.orgId), isNull(s.deletedAt)))
    .orderBy(
      sql`case
        when ${s.id} = ${mailbox.senderId} then 0
        when ${s.credentialId} = ${mailbox.credentialId} then 1
        when lower(${s.fromAddress}) = lower(${mailbox.username}) then 2
        when ${s.isDefault} then 3
        else 4 end`,
    )
    .limit(1);
  const sender = rows[0];
  const rank = (a: SenderAccount) =>
    a.id === mailbox.senderId
      ? 0
      : a.credentialId === mailbox.credentialId
        ? 1
        : a.fromAddress.toLowerCase() === mailbox.username.toLowerCase()
          ? 2
          : a.isDefault
            ? 3
            : 4;
  if (!sender || rank(sender) === 4) {
    throw badRequest(
      'This mailbox has no sender account to reply from: link one on the mailbox, or make one the default.',
    ).localized('noReplySender');
  }
  return sender;
}
