// The organisation's sender accounts, the default first.
import { and, asc, desc, isNull } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { senderAccounts } from '../db/schema/outbox';
import { inOrg } from '../db/scoped';
import { type SenderView, toSenderView } from './sender.schema';

export async function listSenders(db: DbOrTx, ctx: OrgContext): Promise<SenderView[]> {
  const rows = await db
    .select()
    .from(senderAccounts)
    .where(and(inOrg(senderAccounts, ctx), isNull(senderAccounts.deletedAt)))
    .orderBy(desc(senderAccounts.isDefault), asc(senderAccounts.createdAt));
  return rows.map(toSenderView);
}
