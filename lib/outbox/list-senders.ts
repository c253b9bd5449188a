// The organisation's sender accounts, the default first, each with its credential's status (a
// connected account whose grant was revoked says "needs reconnect"). Email accounts only: SMS
// accounts are listed by lib/outbox/list-sms-accounts.ts.
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { credentials } from '../db/schema/credentials';
import { senderAccounts } from '../db/schema/outbox';
import { inOrg } from '../db/scoped';
import { type SenderView, toSenderView } from './sender.schema';

export async function listSenders(db: DbOrTx, ctx: OrgContext): Promise<SenderView[]> {
  const rows = await db
    .select({ sender: senderAccounts, status: credentials.status, statusReason: credentials.statusReason })
    .from(senderAccounts)
    .leftJoin(credentials, eq(credentials.id, senderAccounts.credentialId))
    .where(
      and(inOrg(senderAccounts, ctx), eq(senderAccounts.channel, 'email'), isNull(senderAccounts.deletedAt)),
    )
    .orderBy(desc(senderAccounts.isDefault), asc(senderAccounts.createdAt));
  return rows.map((r) =>
    toSenderView(r.sender, r.status ? { status: r.status, statusReason: r.statusReason } : null),
  );
}
