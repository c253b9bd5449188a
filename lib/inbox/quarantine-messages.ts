// Messages that cannot be imported (the parser failed, or they are over the size limit) are kept
// aside with their reason and raw size, so one bad message never blocks the rest and a person can
// still see which message it was (and download it when it was fetched).
import { simpleParser } from 'mailparser';
import type { DbOrTx } from '../db/client';
import { type InboxMailbox, inboxQuarantinedMessages } from '../db/schema/inbox';
import { rawHeaderValues } from './external-id';
import type { FetchedMessage } from './store-messages';

export type QuarantineItem = {
  fetched: FetchedMessage;
  error: string;
  /** The raw header block (always fetched) and, when it was downloaded, the whole message. */
  headerBlock: Buffer;
  raw: Buffer | null;
};

/** Returns how many were newly quarantined (a message already quarantined stays as it was). */
export async function quarantineMessages(
  db: DbOrTx,
  mailbox: Pick<InboxMailbox, 'id' | 'orgId'>,
  items: QuarantineItem[],
): Promise<number> {
  if (items.length === 0) return 0;
  const rows = [];
  for (const item of items) {
    const { subject, from } = await describeHeaders(item.headerBlock);
    rows.push({
      orgId: mailbox.orgId,
      mailboxId: mailbox.id,
      folder: item.fetched.folder,
      uid: item.fetched.uid,
      uidValidity: item.fetched.uidValidity,
      externalId: item.fetched.externalId,
      error: item.error.replaceAll('\u0000', '').slice(0, 2000),
      rawSize: item.fetched.size,
      raw: item.raw,
      subject,
      from,
      receivedAt: item.fetched.receivedAt,
    });
  }
  const inserted = await db
    .insert(inboxQuarantinedMessages)
    .values(rows)
    .onConflictDoNothing({
      target: [
        inboxQuarantinedMessages.mailboxId,
        inboxQuarantinedMessages.folder,
        inboxQuarantinedMessages.uidValidity,
        inboxQuarantinedMessages.uid,
      ],
    })
    .returning({ id: inboxQuarantinedMessages.id });
  return inserted.length;
}

/** Subject and sender decoded from the header block alone; the raw values if even that fails. */
async function describeHeaders(headerBlock: Buffer): Promise<{ subject: string; from: string }> {
  const clean = (s: string) => s.replaceAll('\u0000', '').slice(0, 500);
  try {
    const head = await simpleParser(
      Buffer.concat([headerBlock.subarray(0, 256 * 1024), Buffer.from('\r\n\r\n')]),
      {
        skipHtmlToText: true,
        skipTextToHtml: true,
        skipTextLinks: true,
        skipImageLinks: true,
      },
    );
    return { subject: clean(head.subject ?? ''), from: clean(head.from?.text ?? '') };
  } catch {
    return {
      subject: clean(rawHeaderValues(headerBlock, 'subject')[0] ?? ''),
      from: clean(rawHeaderValues(headerBlock, 'from')[0] ?? ''),
    };
  }
}
