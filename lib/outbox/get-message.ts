// One message of the organisation with every attempt to send it (what the server answered each
// time), its bodies and its attachments' names.
import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { deliveryEvents, messageAttachments, messageAttempts, outboxMessages } from '../db/schema/outbox';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import type { messageWithAttemptsView } from './message.schema';
import { toMessageView } from './message-view';

export async function getMessage(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
): Promise<z.infer<typeof messageWithAttemptsView>> {
  const m = firstOr404(
    await db
      .select()
      .from(outboxMessages)
      .where(byIdInOrg(outboxMessages, id, ctx)),
    'Message',
  );
  const [attempts, attachments, events] = await Promise.all([
    db
      .select({
        number: messageAttempts.number,
        outcome: messageAttempts.outcome,
        startedAt: messageAttempts.startedAt,
        finishedAt: messageAttempts.finishedAt,
        smtpCode: messageAttempts.smtpCode,
        response: messageAttempts.response,
        error: messageAttempts.error,
        providerMessageId: messageAttempts.providerMessageId,
      })
      .from(messageAttempts)
      .where(eq(messageAttempts.messageId, m.id))
      .orderBy(asc(messageAttempts.number)),
    db
      .select({
        id: messageAttachments.id,
        filename: messageAttachments.filename,
        contentType: messageAttachments.contentType,
        size: messageAttachments.size,
      })
      .from(messageAttachments)
      .where(eq(messageAttachments.messageId, m.id))
      .orderBy(asc(messageAttachments.position)),
    db
      .select({
        kind: deliveryEvents.kind,
        recipient: deliveryEvents.recipient,
        at: deliveryEvents.at,
        detail: deliveryEvents.detail,
        source: deliveryEvents.source,
      })
      .from(deliveryEvents)
      .where(eq(deliveryEvents.messageId, m.id))
      .orderBy(asc(deliveryEvents.at), asc(deliveryEvents.id)),
  ]);
  return {
    message: {
      ...toMessageView(m),
      replyTo: m.replyTo,
      text: m.text,
      html: m.html,
      headers: m.headers,
      attachments,
    },
    attempts,
    events,
  };
}
