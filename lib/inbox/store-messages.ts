// Writes a batch of parsed messages of one folder, their locations and attachments, in a few
// multi-row statements. A message already stored elsewhere (another folder, or this folder before
// its UIDVALIDITY changed) is recognised by its object id or content digest and gets this location
// added instead of a second copy; anything else is a new message, even when its Message-ID or
// headers match a stored one. The unique location is what keeps repeated syncs from duplicating.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import {
  type InboxBounceReport,
  type InboxMailbox,
  inboxAttachments,
  inboxMessageLocations,
  inboxMessages,
  type NewInboxMessage,
} from '../db/schema/inbox';
import { announceNewMail } from './announce-new-mail';
import type { ParsedMessage } from './parse-message';
import { recordBounces } from './record-bounces';
import { resolveThreadKeys } from './thread-key';

/** Where and what a fetched message is, before or without its body. */
export type FetchedMessage = {
  folder: string;
  uid: number;
  uidValidity: number;
  externalId: string;
  /** sha-256 of the raw message; null when it was not downloaded. */
  contentDigest: string | null;
  size: number;
  seen: boolean;
  receivedAt: Date;
};

export type ParsedItem = { fetched: FetchedMessage; parsed: ParsedMessage };

const ROWS_PER_INSERT = 500;
const ATTACHMENT_BYTES_PER_INSERT = 16 * 1024 * 1024;

/** `imported`: new messages; `duplicates`: ones already stored, now also known at this location. */
export async function storeMessages(
  db: DbOrTx,
  mailbox: Pick<InboxMailbox, 'id' | 'orgId'>,
  items: ParsedItem[],
): Promise<{ imported: number; duplicates: number }> {
  if (items.length === 0) return { imported: 0, duplicates: 0 };
  const { folder, uidValidity } = items[0]!.fetched;
  const candidates = await sameMessageCandidates(db, mailbox, folder, uidValidity, items);

  // Each stored message takes at most one location per folder: two identical messages in one
  // folder are two server messages, so the second one is stored as its own.
  const taken = new Set<string>();
  const attached: { id: string; item: ParsedItem }[] = [];
  const fresh: { id: string; item: ParsedItem }[] = [];
  for (const item of items) {
    const match = candidates.find(
      (c) =>
        !taken.has(c.id) &&
        (c.external_id === item.fetched.externalId ||
          (item.fetched.contentDigest !== null && c.content_digest === item.fetched.contentDigest)),
    );
    if (match) {
      taken.add(match.id);
      attached.push({ id: match.id, item });
    } else {
      fresh.push({ id: crypto.randomUUID(), item });
    }
  }

  await insertMessages(db, mailbox, fresh);
  await announceNewMail(db, { orgId: mailbox.orgId, mailboxId: mailbox.id, count: fresh.length });
  const located = [...fresh, ...attached].map(({ id, item }) => ({
    messageId: id,
    uid: item.fetched.uid,
    seen: item.fetched.seen,
  }));
  const json = JSON.stringify(located);
  await db.execute(sql`
    insert into ${inboxMessageLocations} (org_id, mailbox_id, message_id, folder, uid_validity, uid)
    select ${mailbox.orgId}, ${mailbox.id}, v."messageId", ${folder}, ${uidValidity}, v.uid
    from json_to_recordset(${json}::json) as v("messageId" uuid, uid bigint)
    on conflict (mailbox_id, folder, uid_validity, uid) do nothing`);
  if (attached.length > 0) {
    // Back in the shared inbox if it had gone; the main location follows it when the old one is
    // this folder (UIDVALIDITY change) or no longer exists.
    const moved = JSON.stringify(located.slice(fresh.length));
    await db.execute(sql`
      update ${inboxMessages} m
      set removed_at = null, folder = ${folder}, uid = v.uid, uid_validity = ${uidValidity}, seen = v.seen
      from json_to_recordset(${moved}::json) as v("messageId" uuid, uid bigint, seen boolean)
      where m.id = v."messageId" and (m.folder = ${folder} or m.removed_at is not null)`);
  }
  return { imported: fresh.length, duplicates: attached.length };
}

type Candidate = { id: string; external_id: string; content_digest: string | null };

/** Stored messages with the same object id or digest that have no live location in this folder yet. */
async function sameMessageCandidates(
  db: DbOrTx,
  mailbox: Pick<InboxMailbox, 'id'>,
  folder: string,
  uidValidity: number,
  items: ParsedItem[],
): Promise<Candidate[]> {
  const keys = sql.param(items.map((i) => i.fetched.externalId));
  const digests = sql.param(items.map((i) => i.fetched.contentDigest).filter((d): d is string => d !== null));
  return db.execute<Candidate>(sql`
    select m.id, m.external_id, m.content_digest from ${inboxMessages} m
    where m.mailbox_id = ${mailbox.id}
      and (m.external_id = any(${keys}::text[]) or m.content_digest = any(${digests}::text[]))
      and not exists (
        select 1 from ${inboxMessageLocations} l
        where l.message_id = m.id and l.folder = ${folder} and l.uid_validity = ${uidValidity}
          and l.gone_at is null)
    order by m.created_at, m.id`);
}

async function insertMessages(
  db: DbOrTx,
  mailbox: Pick<InboxMailbox, 'id' | 'orgId'>,
  fresh: { id: string; item: ParsedItem }[],
): Promise<void> {
  if (fresh.length === 0) return;
  // Before the rows are written, so each bounce is stored with the outbox message it matched.
  const reports = new Map<string, InboxBounceReport>();
  for (const { id, item } of fresh)
    if (item.parsed.bounce) reports.set(id, { ...item.parsed.bounce, outboxMessageId: null });
  await recordBounces(
    db,
    mailbox.orgId,
    fresh.flatMap(({ id, item }) => {
      const report = reports.get(id);
      return report ? [{ report, receivedAt: item.fetched.receivedAt }] : [];
    }),
  );
  const threadKeys = await resolveThreadKeys(
    db,
    mailbox.orgId,
    fresh.map(({ item }) => ({ ...item.parsed, externalId: item.fetched.externalId })),
  );
  const rows: (Omit<NewInboxMessage, 'orgId' | 'mailboxId'> & { id: string })[] = fresh.map(
    ({ id, item: { fetched, parsed } }, index) => ({
      id,
      folder: fetched.folder,
      uid: fetched.uid,
      uidValidity: fetched.uidValidity,
      externalId: fetched.externalId,
      contentDigest: fetched.contentDigest,
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
      automatic: parsed.automatic,
      bounce: reports.get(id) ?? null,
    }),
  );

  // One statement per chunk with the rows as a JSON document: PostgreSQL parses it, which is far
  // cheaper for us than binding 25 parameters per row.
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const json = JSON.stringify(rows.slice(i, i + ROWS_PER_INSERT));
    await db.execute(sql`
      insert into ${inboxMessages} (id, org_id, mailbox_id, folder, uid, uid_validity, external_id,
        content_digest, message_id, in_reply_to, "references", thread_key, from_name, from_address, "to",
        cc, reply_to, subject, date, received_at, text, html, snippet, seen, size, has_attachments,
        automatic, bounce)
      select v.id, ${mailbox.orgId}, ${mailbox.id}, v.folder, v.uid, v."uidValidity", v."externalId",
        v."contentDigest", v."messageId", v."inReplyTo", v."references", v."threadKey", v."fromName",
        v."fromAddress", v."to", v.cc, v."replyTo", v.subject, v.date, v."receivedAt", v.text, v.html,
        v.snippet, v.seen, v.size, v."hasAttachments", v.automatic::inbox_automatic_kind, v.bounce
      from json_to_recordset(${json}::json) as v(id uuid, folder text, uid bigint, "uidValidity" bigint,
        "externalId" text, "contentDigest" text, "messageId" text, "inReplyTo" text, "references" jsonb,
        "threadKey" text, "fromName" text, "fromAddress" text, "to" jsonb, cc jsonb, "replyTo" jsonb,
        subject text, date timestamptz, "receivedAt" timestamptz, text text, html text, snippet text,
        seen boolean, size integer, "hasAttachments" boolean, automatic text, bounce jsonb)`);
  }

  let pending: (typeof inboxAttachments.$inferInsert)[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pending.length) await db.insert(inboxAttachments).values(pending);
    pending = [];
    pendingBytes = 0;
  };
  for (const { id, item } of fresh) {
    for (const a of item.parsed.attachments) {
      pending.push({ ...a, orgId: mailbox.orgId, inboxMessageId: id });
      pendingBytes += a.size;
      if (pendingBytes >= ATTACHMENT_BYTES_PER_INSERT || pending.length >= 1000) await flush();
    }
  }
  await flush();
}
