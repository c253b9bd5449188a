// Mark as read from the API, for an app that shows the message itself: the contact's recipient rows
// of this message (or one row) take readAt, the first time only.
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { broadcastRecipients, broadcasts } from '../db/schema/broadcasts';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { type MarkAsReadInput, markAsReadInput } from './broadcast.schema';

export async function markBroadcastRead(
  db: DbOrTx,
  ctx: OrgContext,
  broadcastId: string,
  input: MarkAsReadInput,
): Promise<{ marked: number }> {
  const body = parseOr400(markAsReadInput, input, 'request body');
  firstOr404(
    await db
      .select({ id: broadcasts.id })
      .from(broadcasts)
      .where(byIdInOrg(broadcasts, broadcastId, ctx)),
    'Message',
  );
  const where: SQL[] = [
    eq(broadcastRecipients.orgId, ctx.orgId),
    eq(broadcastRecipients.broadcastId, broadcastId),
  ];
  if (body.contactId) where.push(eq(broadcastRecipients.contactId, body.contactId));
  if (body.recipientId) where.push(eq(broadcastRecipients.id, body.recipientId));
  const matching = await db
    .select({ id: broadcastRecipients.id })
    .from(broadcastRecipients)
    .where(and(...where));
  if (matching.length === 0) firstOr404([], 'Recipient');
  const marked = await db
    .update(broadcastRecipients)
    .set({ readAt: body.at ? new Date(body.at) : new Date(), updatedAt: new Date() })
    .where(and(...where, isNull(broadcastRecipients.readAt)))
    .returning({ id: broadcastRecipients.id });
  return { marked: marked.length };
}
