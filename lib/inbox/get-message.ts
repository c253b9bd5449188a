// One message of the shared inbox as it is read: headers, text, sanitised HTML (with its inline
// images), attachments with their download URLs.
import { asc, eq } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import {
  type InboxMessage,
  inboxAttachments,
  inboxMessageLocations,
  inboxMessages,
} from '../db/schema/inbox';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { sanitizeMessageHtml } from '../mail/sanitize-message-html';
import { toMessageSummary } from './list-messages';
import type { MessageView } from './messages.schema';

export async function getMessage(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
  options: { allowRemoteImages?: boolean } = {},
): Promise<MessageView> {
  const row = await getMessageRow(db, ctx, id);
  const attachments = await db
    .select({
      id: inboxAttachments.id,
      filename: inboxAttachments.filename,
      contentType: inboxAttachments.contentType,
      size: inboxAttachments.size,
      inline: inboxAttachments.inline,
      contentId: inboxAttachments.contentId,
    })
    .from(inboxAttachments)
    .where(eq(inboxAttachments.inboxMessageId, row.id))
    .orderBy(asc(inboxAttachments.position));
  const locations = await db
    .select({
      folder: inboxMessageLocations.folder,
      uidValidity: inboxMessageLocations.uidValidity,
      uid: inboxMessageLocations.uid,
      foundAt: inboxMessageLocations.foundAt,
      goneAt: inboxMessageLocations.goneAt,
    })
    .from(inboxMessageLocations)
    .where(eq(inboxMessageLocations.messageId, row.id))
    .orderBy(asc(inboxMessageLocations.foundAt), asc(inboxMessageLocations.id));
  let html: string | null = null;
  if (row.html) {
    const cids = attachments.filter((a) => a.contentId && a.contentType.startsWith('image/'));
    const inlineImages =
      cids.length > 0 && /cid:/i.test(row.html)
        ? await db
            .select({
              contentId: inboxAttachments.contentId,
              contentType: inboxAttachments.contentType,
              content: inboxAttachments.content,
            })
            .from(inboxAttachments)
            .where(eq(inboxAttachments.inboxMessageId, row.id))
        : [];
    html = sanitizeMessageHtml(row.html, {
      inlineImages: inlineImages.flatMap((i) => (i.contentId ? [{ ...i, contentId: i.contentId }] : [])),
      allowRemoteImages: options.allowRemoteImages,
    });
  }
  return {
    ...toMessageSummary(row),
    removedAt: row.removedAt,
    locations,
    cc: row.cc,
    replyTo: row.replyTo,
    messageId: row.messageId,
    inReplyTo: row.inReplyTo,
    references: row.references,
    text: row.text,
    html,
    attachments: attachments.map((a) => ({
      ...a,
      url: `/api/v1/inbox/messages/${row.id}/attachments/${a.id}`,
    })),
    bounce: row.bounce,
  };
}

export async function getMessageRow(db: DbOrTx, ctx: OrgContext, id: string): Promise<InboxMessage> {
  return firstOr404(
    await db
      .select()
      .from(inboxMessages)
      .where(byIdInOrg(inboxMessages, id, ctx)),
    'Message',
  );
}
