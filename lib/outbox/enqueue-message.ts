// The one way a message enters the outbox — compose form, REST, bulk runs, other features. Validates
// everything first (nothing is stored if anything is wrong), then writes the rows, their attachments
// and their pg-boss jobs in one transaction: one statement per table however many messages.
import crypto from 'node:crypto';
import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { AppError, badRequest, type FieldError, fieldErrors } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import {
  type MessageQueue,
  messageAttachments,
  type Origin,
  outboxMessages,
  type SenderAccount,
  senderAccounts,
} from '../db/schema/outbox';
import { isUuid } from '../db/scoped';
import { env } from '../env';
import { getSenderBoss } from '../jobs/boss';
import { log } from '../log';
import { newMessageId } from '../mail/build-mime';
import { htmlToText } from '../mail/html-to-text';
import { getOutboxSettings } from './get-outbox-settings';
import { insertSendJobs } from './insert-send-jobs';
import {
  attachmentContentType,
  type EnqueuedMessage,
  MAX_ATTACHMENT_BYTES,
  MAX_BATCH,
  type MessageInput,
  messageInput,
  type ParsedMessage,
  SEND_AT_TOLERANCE_MS,
} from './message.schema';

export type EnqueueMessageOptions = {
  /** `bulk` for runs and newsletters: their own queue, so single messages never wait behind them. */
  queue?: MessageQueue;
  /**
   * Who asks (default: the REST API). A feature's messages carry its kind and the id they belong to;
   * their outcomes reach the handler registered for the kind (lib/outbox/origin-handlers.ts).
   */
  origin?: Origin;
  /** An Idempotency-Key header: the key of a single message; for a batch, `<key>:<index>` each. */
  idempotencyKey?: string;
  /** The pg-boss instance to enqueue with (a worker passes its own). */
  boss?: PgBoss;
};

const IDEMPOTENCY_WINDOW = sql`interval '24 hours'`;

export function enqueueMessage(
  db: DbOrTx,
  ctx: OrgContext,
  input: MessageInput,
  options?: EnqueueMessageOptions,
): Promise<EnqueuedMessage>;
export function enqueueMessage(
  db: DbOrTx,
  ctx: OrgContext,
  input: MessageInput[],
  options?: EnqueueMessageOptions,
): Promise<EnqueuedMessage[]>;
export async function enqueueMessage(
  db: DbOrTx,
  ctx: OrgContext,
  input: MessageInput | MessageInput[],
  options: EnqueueMessageOptions = {},
): Promise<EnqueuedMessage | EnqueuedMessage[]> {
  const many = Array.isArray(input);
  const inputs = many ? input : [input];
  if (inputs.length === 0)
    throw badRequest('No messages to send.', [{ path: 'messages', message: 'is empty' }]);
  if (inputs.length > MAX_BATCH) {
    throw badRequest(`At most ${MAX_BATCH} messages at once.`, [
      { path: 'messages', message: `has more than ${MAX_BATCH} messages` },
    ]);
  }
  const at = (i: number) => (many ? `messages.${i}.` : '');

  // 1. Every message valid, or nothing stored.
  const errors: FieldError[] = [];
  const parsed: ParsedMessage[] = [];
  const now = Date.now();
  inputs.forEach((raw, i) => {
    const result = messageInput.safeParse(raw);
    if (!result.success) {
      for (const e of fieldErrors(result.error))
        errors.push({ path: `${at(i)}${e.path}`, message: e.message });
      return;
    }
    const m = result.data;
    if (m.sendAt && m.sendAt.getTime() < now - SEND_AT_TOLERANCE_MS) {
      errors.push({ path: `${at(i)}sendAt`, message: 'is in the past' });
    }
    if (m.sendAt && m.sendAt.getTime() > now + 366 * 86_400_000) {
      errors.push({ path: `${at(i)}sendAt`, message: 'is more than a year away' });
    }
    if (m.expiresAt && m.expiresAt.getTime() <= (m.sendAt?.getTime() ?? now)) {
      errors.push({ path: `${at(i)}expiresAt`, message: 'must be after sendAt' });
    }
    parsed.push(m);
  });
  if (errors.length) throw invalid(errors);

  const decoded = parsed.map((m) =>
    (m.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: attachmentContentType(a.filename, a.contentType),
      contentId: a.contentId ?? null,
      content: Buffer.from(a.content, 'base64'),
    })),
  );
  const tooLarge: FieldError[] = [];
  decoded.forEach((files, i) => {
    const bytes = files.reduce((n, f) => n + f.content.length, 0);
    if (bytes > MAX_ATTACHMENT_BYTES) {
      tooLarge.push({
        path: `${at(i)}attachments`,
        message: `total ${(bytes / 1048576).toFixed(1)} MB, over the 25 MB limit per message`,
      });
    }
  });
  if (tooLarge.length) {
    throw new AppError(
      413,
      'payload_too_large',
      `Attachments are limited to 25 MB per message: ${tooLarge[0]!.path} is ${tooLarge[0]!.message}.`,
      tooLarge,
    );
  }

  const [senders, { maxAttempts }] = await Promise.all([
    resolveSenders(db, ctx, parsed, at),
    getOutboxSettings(db, ctx),
  ]);
  const expiryMs = env().MAILROOM_SCHEDULED_EXPIRY_HOURS * 3_600_000;

  // 2. The rows, ids made here so results map back to inputs whatever Postgres skips.
  const rows = parsed.map((m, i) => {
    const sender = senders[i]!;
    const scheduled = Boolean(m.sendAt && m.sendAt.getTime() > now);
    const idempotencyKey =
      m.idempotencyKey ??
      (options.idempotencyKey ? (many ? `${options.idempotencyKey}:${i}` : options.idempotencyKey) : null);
    return {
      id: crypto.randomUUID(),
      orgId: ctx.orgId,
      senderId: sender.id,
      originKind: options.origin?.kind ?? 'api',
      originId: options.origin?.id ?? null,
      queue: options.queue ?? m.queue ?? 'transactional',
      status: scheduled ? ('scheduled' as const) : ('queued' as const),
      fromAddress: sender.fromAddress,
      fromName: sender.fromName,
      to: m.to ?? [],
      cc: m.cc ?? [],
      bcc: m.bcc ?? [],
      replyTo: m.replyTo ?? sender.replyTo,
      subject: m.subject,
      text: m.text?.trim() ? m.text : m.html ? htmlToText(m.html) : null,
      html: m.html?.trim() ? m.html : null,
      headers: m.headers ?? {},
      messageId: newMessageId(sender.fromAddress),
      maxAttempts,
      // Absent: the database's now(), the clock the worker and pg-boss compare against.
      sendAt: m.sendAt,
      expiresAt: m.expiresAt ?? (scheduled ? new Date(m.sendAt!.getTime() + expiryMs) : null),
      idempotencyKey,
      attachmentCount: decoded[i]!.length,
      attachmentBytes: decoded[i]!.reduce((n, f) => n + f.content.length, 0),
    };
  });

  const boss = options.boss ?? (await getSenderBoss());
  const results = await db.transaction(async (tx) => {
    const keys = rows.map((r) => r.idempotencyKey).filter((k): k is string => k !== null);
    if (keys.length) {
      // A key older than 24 hours is free again.
      await tx
        .update(outboxMessages)
        .set({ idempotencyKey: null })
        .where(
          and(
            eq(outboxMessages.orgId, ctx.orgId),
            sql`${outboxMessages.idempotencyKey} = any(${sql.param(keys)}::text[])`,
            lt(outboxMessages.createdAt, sql`now() - ${IDEMPOTENCY_WINDOW}`),
          ),
        );
    }
    // One statement and one parameter for the whole batch: the rows travel as JSON (a
    // 1,000-row VALUES list would be 30,000 bind parameters for drizzle and the driver to build).
    const inserted = await tx
      .execute<{
        id: string;
        status: 'scheduled' | 'queued';
        message_id: string;
        send_at: Date;
        queue: MessageQueue;
      }>(sql`
      insert into outbox_messages (
        id, org_id, sender_id, origin_kind, origin_id, queue, status, from_address, from_name, "to", cc, bcc, reply_to,
        subject, text, html, headers, message_id, max_attempts, send_at, expires_at, idempotency_key,
        attachment_count, attachment_bytes
      )
      select
        x.id, x.org_id, x.sender_id, x.origin_kind::message_origin_kind, x.origin_id, x.queue::message_queue, x.status::message_status, x.from_address,
        x.from_name, x."to", x.cc, x.bcc, x.reply_to, x.subject, x.text, x.html, x.headers, x.message_id,
        x.max_attempts, coalesce(x.send_at, now()), x.expires_at, x.idempotency_key, x.attachment_count,
        x.attachment_bytes
      from json_to_recordset(${JSON.stringify(rows.map(toRecord))}::json) as x(
        id uuid, org_id uuid, sender_id uuid, origin_kind text, origin_id uuid, queue text, status text, from_address text,
        from_name text, "to" jsonb, cc jsonb, bcc jsonb, reply_to text, subject text, text text, html text,
        headers jsonb, message_id text, max_attempts int, send_at timestamptz, expires_at timestamptz,
        idempotency_key text, attachment_count int, attachment_bytes int
      )
      on conflict (org_id, idempotency_key) where idempotency_key is not null do nothing
      returning id, status, message_id, send_at, queue
    `)
      .then((r) =>
        r.map((x) => ({
          id: x.id,
          status: x.status,
          messageId: x.message_id,
          sendAt: new Date(x.send_at),
          queue: x.queue,
        })),
      );
    const insertedIds = new Set(inserted.map((r) => r.id));

    const files = rows.flatMap((r, i) =>
      insertedIds.has(r.id)
        ? decoded[i]!.map((f, position) => ({
            messageId: r.id,
            orgId: ctx.orgId,
            position,
            filename: f.filename,
            contentType: f.contentType,
            contentId: f.contentId,
            size: f.content.length,
            content: f.content,
          }))
        : [],
    );
    if (files.length) await tx.insert(messageAttachments).values(files);

    await insertSendJobs(
      tx,
      boss,
      inserted.map((r) => ({
        id: r.id,
        queue: r.queue,
        startAfter: r.status === 'scheduled' ? r.sendAt : null,
      })),
    );

    const duplicates = rows.filter((r) => !insertedIds.has(r.id));
    const firstByKey = new Map<string, EnqueuedMessage>();
    if (duplicates.length) {
      const existing = await tx
        .select({
          id: outboxMessages.id,
          status: outboxMessages.status,
          messageId: outboxMessages.messageId,
          sendAt: outboxMessages.sendAt,
          idempotencyKey: outboxMessages.idempotencyKey,
        })
        .from(outboxMessages)
        .where(
          and(
            eq(outboxMessages.orgId, ctx.orgId),
            sql`${outboxMessages.idempotencyKey} = any(${sql.param(duplicates.map((d) => d.idempotencyKey!))}::text[])`,
          ),
        );
      for (const e of existing) firstByKey.set(e.idempotencyKey!, { ...e, duplicate: true });
    }
    const byId = new Map(inserted.map((r) => [r.id, r]));
    return rows.map((r): EnqueuedMessage => {
      const row = byId.get(r.id);
      if (row)
        return {
          id: row.id,
          status: row.status,
          messageId: row.messageId,
          sendAt: row.sendAt,
          duplicate: false,
        };
      const first = firstByKey.get(r.idempotencyKey!);
      if (!first) throw new Error('idempotent insert skipped a row without an earlier message');
      return first;
    });
  });

  const fresh = results.filter((r) => !r.duplicate);
  log.info(
    {
      orgId: ctx.orgId,
      origin: options.origin?.kind ?? 'api',
      originId: options.origin?.id ?? undefined,
      messages: fresh.length,
      duplicates: results.length - fresh.length,
    },
    'messages enqueued',
  );
  return many ? results : results[0]!;
}

async function resolveSenders(
  db: DbOrTx,
  ctx: OrgContext,
  messages: ParsedMessage[],
  at: (i: number) => string,
): Promise<SenderAccount[]> {
  const wanted = [...new Set(messages.map((m) => m.senderId).filter((id): id is string => Boolean(id)))];
  const needsDefault = messages.some((m) => !m.senderId);
  const ids = wanted.filter(isUuid);
  const which = [
    ...(ids.length ? [inArray(senderAccounts.id, ids)] : []),
    ...(needsDefault ? [eq(senderAccounts.isDefault, true)] : []),
  ];
  const rows = which.length
    ? await db
        .select()
        .from(senderAccounts)
        .where(and(eq(senderAccounts.orgId, ctx.orgId), isNull(senderAccounts.deletedAt), or(...which)))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const fallback = rows.find((r) => r.isDefault);
  const errors: FieldError[] = [];
  const resolved = messages.map((m, i) => {
    const sender = m.senderId ? byId.get(m.senderId) : fallback;
    if (!sender) {
      errors.push({
        path: `${at(i)}senderId`,
        message: m.senderId
          ? 'is not a sender account of this organisation'
          : 'is required: the organisation has no default sender account',
      });
    }
    return sender!;
  });
  if (errors.length) throw invalid(errors);
  return resolved;
}

function invalid(errors: FieldError[]): AppError {
  const first = errors[0]!;
  return badRequest(`Invalid message: ${first.path} ${first.message}`, errors.slice(0, 100));
}

/** One row as json_to_recordset reads it. */
function toRecord(r: typeof outboxMessages.$inferInsert) {
  return {
    id: r.id,
    org_id: r.orgId,
    sender_id: r.senderId,
    origin_kind: r.originKind,
    origin_id: r.originId,
    queue: r.queue,
    status: r.status,
    from_address: r.fromAddress,
    from_name: r.fromName,
    to: r.to,
    cc: r.cc,
    bcc: r.bcc,
    reply_to: r.replyTo,
    subject: r.subject,
    text: r.text,
    html: r.html,
    headers: r.headers,
    message_id: r.messageId,
    max_attempts: r.maxAttempts,
    send_at: r.sendAt instanceof Date ? r.sendAt.toISOString() : null,
    expires_at: r.expiresAt instanceof Date ? r.expiresAt.toISOString() : null,
    idempotency_key: r.idempotencyKey,
    attachment_count: r.attachmentCount,
    attachment_bytes: r.attachmentBytes,
  };
}
