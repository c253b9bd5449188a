// One attachment of one of the organisation's outbox messages, bytes included (for download).
import { and, eq } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { storedFiles } from '../db/schema/files';
import { messageAttachments } from '../db/schema/outbox';
import { firstOr404, inOrg, isUuid } from '../db/scoped';

export async function getMessageAttachment(
  db: DbOrTx,
  ctx: OrgContext,
  messageId: string,
  attachmentId: string,
) {
  if (!isUuid(messageId) || !isUuid(attachmentId)) return firstOr404([], 'Attachment');
  return firstOr404(
    await db
      .select({
        filename: messageAttachments.filename,
        contentType: messageAttachments.contentType,
        content: storedFiles.content,
      })
      .from(messageAttachments)
      .innerJoin(storedFiles, eq(storedFiles.id, messageAttachments.fileId))
      .where(
        and(
          eq(messageAttachments.id, attachmentId),
          eq(messageAttachments.messageId, messageId),
          inOrg(messageAttachments, ctx),
        ),
      ),
    'Attachment',
  );
}
