// "Retry". A message waiting for its next attempt is tried now. A failed, expired or cancelled one
// stays as it was (statuses only move forward) and a copy is queued in its place: same sender,
// recipients, content and attachments, a new Message-ID, `retryOf` pointing to the original.
// A cancelled message whose send time is still ahead keeps that time (a retry of next week's
// newsletter goes out next week), unless the caller gives another (`sendAt`; null: now).
import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { conflict } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { outboxMessages } from '../db/schema/outbox';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { getSenderBoss } from '../jobs/boss';
import { newMessageId } from '../mail/build-mime';
import { getOutboxSettings } from './get-outbox-settings';
import { insertSendJobs } from './insert-send-jobs';
import type { MessageView } from './message.schema';
import { toMessageView } from './message-view';

export async function retryMessage(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
  options: { boss?: PgBoss; sendAt?: Date | null } = {},
): Promise<MessageView> {
  const boss = options.boss ?? (await getSenderBoss());
  const { maxAttempts } = await getOutboxSettings(db, ctx);
  return db.transaction(async (tx) => {
    const original = firstOr404(
      await tx
        .select()
        .from(outboxMessages)
        .where(byIdInOrg(outboxMessages, id, ctx))
        .for('update'),
      'Message',
    );
    if (original.status === 'queued') {
      const [now] = await tx
        .update(outboxMessages)
        .set({ nextAttemptAt: sql`now()`, updatedAt: sql`now()` })
        .where(eq(outboxMessages.id, original.id))
        .returning();
      await insertSendJobs(tx, boss, [{ id: now!.id, queue: now!.queue }]);
      return toMessageView(now!);
    }
    if (!['failed', 'expired', 'cancelled'].includes(original.status)) {
      throw conflict(
        `The message is ${original.status}: only a failed, expired or cancelled message can be retried.`,
      );
    }
    const copyId = crypto.randomUUID();
    const keptTime = original.sendAt && original.sendAt.getTime() > Date.now() ? original.sendAt : null;
    const sendAt = options.sendAt === undefined ? keptTime : options.sendAt;
    const scheduled = sendAt !== null && sendAt.getTime() > Date.now();
    // A kept schedule keeps its window; the original's expiry, if any, moves with the new time.
    const expiresAt =
      scheduled && original.sendAt && original.expiresAt
        ? new Date(sendAt.getTime() + (original.expiresAt.getTime() - original.sendAt.getTime()))
        : null;
    const [copy] = await tx
      .insert(outboxMessages)
      .values({
        id: copyId,
        orgId: original.orgId,
        channel: original.channel,
        senderId: original.senderId,
        originKind: original.originKind,
        originId: original.originId,
        queue: original.queue,
        status: scheduled ? 'scheduled' : 'queued',
        ...(scheduled ? { sendAt } : {}),
        expiresAt,
        fromAddress: original.fromAddress,
        fromName: original.fromName,
        to: original.to,
        cc: original.cc,
        bcc: original.bcc,
        replyTo: original.replyTo,
        subject: original.subject,
        text: original.text,
        html: original.html,
        headers: original.headers,
        messageId:
          original.channel === 'sms' ? `<${copyId}@sms.mailroom>` : newMessageId(original.fromAddress),
        maxAttempts,
        attachmentCount: original.attachmentCount,
        attachmentBytes: original.attachmentBytes,
        retryOf: original.id,
      })
      .returning();
    if (original.attachmentCount > 0) {
      await tx.execute(sql`
        insert into outbox_message_attachments (message_id, org_id, position, filename, content_type, size, content_id, file_id)
        select ${copyId}, org_id, position, filename, content_type, size, content_id, file_id
        from outbox_message_attachments where message_id = ${original.id}
      `);
    }
    // Each channel's content table goes with the copy (email's is the row itself).
    await tx.execute(sql`
      insert into outbox_sms (message_id, org_id, to_phone, text, segments, encoding)
      select ${copyId}, org_id, to_phone, text, segments, encoding from outbox_sms where message_id = ${original.id}
    `);
    await insertSendJobs(tx, boss, [
      { id: copyId, queue: copy!.queue, startAfter: scheduled ? sendAt : null },
    ]);
    return toMessageView(copy!);
  });
}
