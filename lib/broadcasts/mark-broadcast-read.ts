// Mark as read from the API, for an app that shows the message itself: the contact's recipient rows
// of this message (or one row) take readAt, the first time only. Only a recipient the message was
// sent to can have read it: one skipped (opted out, no address, a missing value), failed (bounced,
// undelivered), cancelled or still being sent never received it from Mailroom, so counting it read
// would make "read" exceed "sent". Named by recipientId, such a row is refused (409 with its status
// and reason); named by contactId, the contact's sent rows are marked and the others are listed in
// the answer as not received.
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { AppError, parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type BroadcastRecipientStatus, broadcastRecipients, broadcasts } from '../db/schema/broadcasts';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { type MarkAsReadInput, type MarkAsReadResult, markAsReadInput } from './broadcast.schema';

const WHY: Record<Exclude<BroadcastRecipientStatus, 'sent'>, string> = {
  skipped: 'was skipped: it was never sent to',
  failed: 'failed: it never received the message',
  cancelled: 'was cancelled: it was never sent to',
  pending: 'is still being sent: mark it read once it is sent',
};

export async function markBroadcastRead(
  db: DbOrTx,
  ctx: OrgContext,
  broadcastId: string,
  input: MarkAsReadInput,
): Promise<MarkAsReadResult> {
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
    .select({
      id: broadcastRecipients.id,
      channel: broadcastRecipients.channel,
      status: broadcastRecipients.status,
      reason: broadcastRecipients.reason,
    })
    .from(broadcastRecipients)
    .where(and(...where));
  if (matching.length === 0) firstOr404([], 'Recipient');
  const notReceived = matching
    .filter((r) => r.status !== 'sent')
    .map((r) => ({ recipientId: r.id, channel: r.channel, status: r.status, reason: r.reason }));
  if (notReceived.length === matching.length) {
    const first = notReceived[0]!;
    const why = WHY[first.status as keyof typeof WHY];
    throw new AppError(
      409,
      'conflict',
      `Not marked as read: ${matching.length === 1 ? 'this recipient' : 'every recipient row of this contact'} ${why}${first.reason ? ` (${first.reason})` : ''}.`,
      { notReceived },
    );
  }
  const marked = await db
    .update(broadcastRecipients)
    .set({ readAt: body.at ? new Date(body.at) : new Date(), updatedAt: new Date() })
    .where(and(...where, eq(broadcastRecipients.status, 'sent'), isNull(broadcastRecipients.readAt)))
    .returning({ id: broadcastRecipients.id });
  return { marked: marked.length, notReceived };
}
