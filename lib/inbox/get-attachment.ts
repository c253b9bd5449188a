// An attachment's bytes, for download; found only through a message of the caller's organisation.
import { and, eq } from 'drizzle-orm';
import { notFound } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type InboxAttachment, inboxAttachments, inboxMessages } from '../db/schema/inbox';
import { firstOr404, inOrg, isUuid } from '../db/scoped';

export async function getAttachment(
  db: DbOrTx,
  ctx: OrgContext,
  messageId: string,
  attachmentId: string,
): Promise<Pick<InboxAttachment, 'filename' | 'contentType' | 'size' | 'content'>> {
  if (!isUuid(messageId) || !isUuid(attachmentId)) throw notFound('Attachment');
  return firstOr404(
    await db
      .select({
        filename: inboxAttachments.filename,
        contentType: inboxAttachments.contentType,
        size: inboxAttachments.size,
        content: inboxAttachments.content,
      })
      .from(inboxAttachments)
      .innerJoin(inboxMessages, eq(inboxMessages.id, inboxAttachments.inboxMessageId))
      .where(
        and(
          eq(inboxAttachments.id, attachmentId),
          eq(inboxMessages.id, messageId),
          inOrg(inboxMessages, ctx),
          inOrg(inboxAttachments, ctx),
        ),
      ),
    'Attachment',
  );
}
