// A mailbox may name the sender account its replies go out through: one of the organisation's own,
// not deleted, or the request is refused with the field's path.
import { and, eq, isNull } from 'drizzle-orm';
import { badRequest } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { senderAccounts } from '../db/schema/outbox';
import { isUuid } from '../db/scoped';

export async function checkReplySender(
  db: DbOrTx,
  ctx: OrgContext,
  senderId: string | null,
): Promise<string | null> {
  if (senderId === null) return null;
  const [found] = isUuid(senderId)
    ? await db
        .select({ id: senderAccounts.id })
        .from(senderAccounts)
        .where(
          and(
            eq(senderAccounts.id, senderId),
            eq(senderAccounts.orgId, ctx.orgId),
            isNull(senderAccounts.deletedAt),
          ),
        )
    : [];
  if (!found) {
    throw badRequest('Invalid mailbox: senderId is not a sender account of this organisation', [
      { path: 'senderId', message: 'is not a sender account of this organisation' },
    ]);
  }
  return found.id;
}
