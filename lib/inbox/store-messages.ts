// Writes a batch of parsed messages and their attachments in a few multi-row statements. The
// unique (mailbox_id, external_id) with ON CONFLICT DO NOTHING is what guarantees "no duplicates
// ever", whatever the sync re-reads; the return says how many were new.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { type InboxMailbox, inboxAttachments, inboxMessages, type NewInboxMessage } from '../db/schema/inbox';
import type { ParsedMessage } from './parse-message';
import { resolveThreadKeys } from './thread-key';

/** Where and what a fetched message is, before or without its body. */
export type FetchedMessage = {
  folder: string;
  uid: number;
  uidValidity: number;
  externalId: string;
  size: number;
  seen: boolean;
  receivedAt: Date;
};

export type ParsedItem = { fetched: FetchedMessage; parsed: ParsedMessage };

const ROWS_PER_INSERT = 500;
const ATTACHMENT_BYTES_PER_INSERT = 16 * 1024 * 1024;

export async function storeMessages(
  db: DbOrTx,
  mailbox: Pick<InboxMailbox, 'id' | 'orgId'>,
  items: ParsedItem[],
): Promise<{ imported: number; duplicates: number }> {
  const seen = new Set<string>();
  const unique = items.filter((item) => {
    if (seen.has(item.fetched.externalId)) return false;
    seen.add(item.fetched.externalId);
    return true;
  });
  if (unique.length === 0) return { imported: 0, duplicates: items.length };

  const threadKeys = await resolveThreadKeys(
    db,
    mailbox.orgId,
    unique.map((i) => ({ ...i.parsed, externalId: i.fetched.externalId })),
  );
  const rows: Omit<NewInboxMessage, 'orgId' | 'mailboxId'>[] = unique.map(({ fetched, parsed }, index) => ({
    folder: fetched.folder,
    uid: fetched.uid,
    uidValidity: fetched.uidValidity,
    externalId: fetched.externalId,
    messageId: parsed.messageId,
    inReplyTo: parsed.inReplyTo,
    references: parsed.references,
    threadKey: threadKeys[index]!,
    fromName: parsed.fromName,
    fromAddress: parsed.fromAddress,
    to: parsed.to,
    cc: parsed.cc,
    replyTo: parsed.replyTo,
    subject: parsed.subject,
    date: parsed.date,
    receivedAt: fetched.receivedAt,
    text: parsed.text,
    html: parsed.html,
    snippet: parsed.snippet,
    seen: fetched.seen,
    size: fetched.size,
    hasAttachments: parsed.hasAttachments,
  }));

  // One statement per chunk with the rows as a JSON document: PostgreSQL parses it, which is far
  // cheaper for us than binding 25 parameters per row.
  const inserted = new Map<string, string>();
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const json = JSON.stringify(rows.slice(i, i + ROWS_PER_INSERT));
    const returned = await db.execute<{ id: string; external_id: string }>(sql`
      insert into ${inboxMessages} (org_id, mailbox_id, folder, uid, uid_validity, external_id, message_id,
        in_reply_to, "references", thread_key, from_name, from_address, "to", cc, reply_to, subject, date,
        received_at, text, html, snippet, seen, size, has_attachments)
      select ${mailbox.orgId}, ${mailbox.id}, v.folder, v.uid, v."uidValidity", v."externalId", v."messageId",
        v."inReplyTo", v."references", v."threadKey", v."fromName", v."fromAddress", v."to", v.cc, v."replyTo",
        v.subject, v.date, v."receivedAt", v.text, v.html, v.snippet, v.seen, v.size, v."hasAttachments"
      from json_to_recordset(${json}::json) as v(folder text, uid bigint, "uidValidity" bigint,
        "externalId" text, "messageId" text, "inReplyTo" text, "references" jsonb, "threadKey" text,
        "fromName" text, "fromAddress" text, "to" jsonb, cc jsonb, "replyTo" jsonb, subject text,
        date timestamptz, "receivedAt" timestamptz, text text, html text, snippet text, seen boolean,
        size integer, "hasAttachments" boolean)
      on conflict (mailbox_id, external_id) do nothing
      returning id, external_id`);
    for (const r of returned) inserted.set(r.external_id, r.id);
  }

  let pending: (typeof inboxAttachments.$inferInsert)[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pending.length) await db.insert(inboxAttachments).values(pending);
    pending = [];
    pendingBytes = 0;
  };
  for (const { fetched, parsed } of unique) {
    const messageRowId = inserted.get(fetched.externalId);
    if (!messageRowId) continue;
    for (const a of parsed.attachments) {
      pending.push({ ...a, orgId: mailbox.orgId, inboxMessageId: messageRowId });
      pendingBytes += a.size;
      if (pendingBytes >= ATTACHMENT_BYTES_PER_INSERT || pending.length >= 1000) await flush();
    }
  }
  await flush();
  return { imported: inserted.size, duplicates: items.length - inserted.size };
}
