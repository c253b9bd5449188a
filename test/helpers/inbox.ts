// Inbox test helpers: mailboxes pointing at the test Dovecot (made through the same use-case the
// API uses), messages built as raw MIME, the fixture files, and reading back what was stored.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import type { OrgContext } from '@/lib/auth/org-context';
import type { Db } from '@/lib/db/client';
import { inboxMailboxes, inboxMessages, inboxQuarantinedMessages } from '@/lib/db/schema/inbox';
import { createIntegration } from '@/lib/inbox/create-integration';
import type { Dovecot } from './dovecot';

export const FIXTURES_DIR = path.join(import.meta.dirname, '..', 'fixtures', 'eml');

export function fixtureFiles(): { name: string; raw: Buffer }[] {
  return fs
    .readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((name) => ({ name, raw: fs.readFileSync(path.join(FIXTURES_DIR, name)) }));
}

export async function createDovecotMailbox(
  db: Db,
  ctx: OrgContext,
  dovecot: Dovecot,
  options: { email: string; password: string; name?: string; folders?: string[]; intervalMinutes?: number },
) {
  await dovecot.addUser(options.email, options.password);
  return createIntegration(db, ctx, {
    name: options.name ?? options.email,
    host: dovecot.host,
    port: dovecot.port,
    security: 'none',
    username: options.email,
    password: options.password,
    folders: options.folders ?? ['INBOX'],
    intervalMinutes: options.intervalMinutes ?? 5,
  });
}

export type TestMessage = {
  subject: string;
  from?: string;
  to?: string;
  messageId?: string | null;
  inReplyTo?: string;
  references?: string[];
  date?: Date;
  text?: string;
  html?: string;
  attachments?: { filename: string; contentType: string; content: Buffer; contentId?: string }[];
};

/** A small RFC 5322 message; `messageId: null` leaves the header out. */
export function buildMessage(m: TestMessage): string {
  const id = m.messageId === undefined ? `<${crypto.randomUUID()}@test.mailroom>` : m.messageId;
  const headers = [
    `From: ${m.from ?? 'Alice <alice@example.org>'}`,
    `To: ${m.to ?? 'team@example.com'}`,
    `Subject: ${m.subject}`,
    `Date: ${(m.date ?? new Date()).toUTCString()}`,
    ...(id ? [`Message-ID: ${id}`] : []),
    ...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`] : []),
    ...(m.references?.length ? [`References: ${m.references.join(' ')}`] : []),
    'MIME-Version: 1.0',
  ];
  const text = m.text ?? `Body of ${m.subject}`;
  const attachments = m.attachments ?? [];
  if (!m.html && attachments.length === 0) {
    return `${[...headers, 'Content-Type: text/plain; charset=utf-8'].join('\r\n')}\r\n\r\n${text}\r\n`;
  }
  const boundary = `b-${crypto.randomBytes(6).toString('hex')}`;
  const parts = [`Content-Type: text/plain; charset=utf-8\r\n\r\n${text}`];
  if (m.html) parts.push(`Content-Type: text/html; charset=utf-8\r\n\r\n${m.html}`);
  for (const a of attachments) {
    const b64 = a.content.toString('base64').replace(/.{76}/g, '$&\r\n');
    const disposition = a.contentId ? 'inline' : 'attachment';
    parts.push(
      `Content-Type: ${a.contentType}; name="${a.filename}"\r\nContent-Disposition: ${disposition}; filename="${a.filename}"\r\n${a.contentId ? `Content-ID: <${a.contentId}>\r\n` : ''}Content-Transfer-Encoding: base64\r\n\r\n${b64}`,
    );
  }
  const type = attachments.length ? 'multipart/mixed' : 'multipart/alternative';
  return `${[...headers, `Content-Type: ${type}; boundary="${boundary}"`].join('\r\n')}\r\n\r\n${parts
    .map((p) => `--${boundary}\r\n${p}\r\n`)
    .join('')}--${boundary}--\r\n`;
}

/** A message mailparser refuses: more MIME parts than it allows (1,000). */
export function parserBreakingMessage(): string {
  const boundary = 'too-many-parts';
  const parts = Array.from(
    { length: 1100 },
    (_, i) => `--${boundary}\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`,
  );
  return `From: Mass Mailer <mass@example.org>\r\nTo: team@example.com\r\nSubject: Too many parts\r\nMessage-ID: <too-many-parts@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n${parts.join('')}--${boundary}--\r\n`;
}

export async function storedMessages(db: Db, mailboxId: string) {
  return db
    .select()
    .from(inboxMessages)
    .where(eq(inboxMessages.mailboxId, mailboxId))
    .orderBy(asc(inboxMessages.folder), asc(inboxMessages.uid));
}

export async function quarantinedMessages(db: Db, mailboxId: string) {
  return db
    .select()
    .from(inboxQuarantinedMessages)
    .where(eq(inboxQuarantinedMessages.mailboxId, mailboxId))
    .orderBy(asc(inboxQuarantinedMessages.uid));
}

export async function mailboxRow(db: Db, mailboxId: string) {
  const [row] = await db.select().from(inboxMailboxes).where(eq(inboxMailboxes.id, mailboxId));
  if (!row) throw new Error(`no mailbox ${mailboxId}`);
  return row;
}
