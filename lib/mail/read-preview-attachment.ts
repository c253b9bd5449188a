// One attachment of a preview-mailbox message, parsed back out of the stored MIME.
import { simpleParser } from 'mailparser';
import { notFound } from '../api/errors';
import type { DbOrTx } from '../db/client';
import { type PreviewScope, readPreviewMessage } from './read-preview-messages';

export async function readPreviewAttachment(db: DbOrTx, scope: PreviewScope, id: string, index: number) {
  const message = await readPreviewMessage(db, scope, id);
  const parsed = await simpleParser(message.raw);
  const file = parsed.attachments[index];
  if (!file) throw notFound('Attachment');
  return {
    filename: file.filename ?? `attachment-${index + 1}`,
    contentType: file.contentType,
    content: file.content,
  };
}
