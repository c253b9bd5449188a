// The one way an SMS enters the outbox (scheduled messages, the REST API, any feature). Validates
// every item first (E.164 number, text within the account's segment limit, dates), then writes the
// channel-agnostic rows (outbox_messages, channel 'sms'), their content (outbox_sms) and their
// pg-boss jobs in one transaction. From then on an SMS lives the email lifecycle: lease, claim,
// rates, retries, pauses, expiry, recovery, retention; its outcome reaches the origin's handler as
// a SettledMessage with `channel: 'sms'`. A number that replied STOP is not sent to: its message is
// stored `cancelled` with the reason, and the origin hears of it like any other outcome.
import crypto from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { z } from 'zod';
import { type FieldError, fieldErrors, safeParseInput } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type MessageQueue, type Origin, type SenderAccount, senderAccounts } from '../db/schema/outbox';
import { outboxSms, smsAccountSettings } from '../db/schema/sms';
import { isUuid } from '../db/scoped';
import { env } from '../env';
import { getSenderBoss } from '../jobs/boss';
import { log } from '../log';
import { countSegments, type SmsLength } from '../sms/count-segments';
import { settledColumns, settledFromSql } from './announce-settled';
import { ensureSmsPreviewAccount } from './create-preview-sender';
import { checkBatchSize, checkSendTimes, invalidInput } from './enqueue-checks';
import { getOutboxSettings } from './get-outbox-settings';
import { DEFAULT_SMS_MAX_SEGMENTS } from './sms-account.schema';
import { findSmsRefusals } from './sms-refusals';
import { skipTakenKeys, storeDeliveries } from './store-deliveries';

export type SmsToEnqueue = {
  to: string; // E.164
  text: string;
  smsAccountId?: string; // default: the organisation's default SMS account
  sendAt?: Date; // not before
  expiresAt?: Date;
  idempotencyKey?: string;
};

/** Longest text accepted whatever the account's segment limit (Twilio's own limit). */
export const MAX_SMS_TEXT = 1600;

/** A Date from a caller in code, an ISO 8601 date-time with its zone from JSON. */
const dateInput = z
  .union([
    z.iso.datetime({ offset: true, message: 'is not an ISO 8601 date-time with a time zone' }),
    z.date(),
  ])
  .transform((v) => new Date(v));

export const smsToEnqueueInput = z
  .object({
    to: z
      .string()
      .trim()
      .regex(/^\+[1-9]\d{6,14}$/, 'is not a phone number in E.164 form (like +33612345678)'),
    text: z
      .string()
      .max(MAX_SMS_TEXT, `is at most ${MAX_SMS_TEXT} characters`)
      .refine((v) => v.trim().length > 0, 'is required'),
    /** The SMS account; the organisation's default one when absent. */
    smsAccountId: z.string().optional(),
    sendAt: dateInput.optional(),
    expiresAt: dateInput.optional(),
    idempotencyKey: z.string().min(1).max(200).optional(),
  })
  .strict();

type Prepared = { item: z.output<typeof smsToEnqueueInput>; length: SmsLength; requestHash: string };

export async function enqueueSms(
  db: DbOrTx,
  ctx: OrgContext,
  items: SmsToEnqueue[],
  options: { origin: Origin; queue?: MessageQueue; boss?: PgBoss },
): Promise<{ id: string }[]> {
  const prepared = prepare(items);
  if (prepared.some((p) => !p.item.smsAccountId)) await ensureSmsPreviewAccount(db, ctx.orgId);
  const [accounts, { maxAttempts }] = await Promise.all([
    resolveSmsAccounts(db, ctx, prepared),
    getOutboxSettings(db, ctx),
  ]);
  checkSegmentLimits(prepared, accounts);
  const optedOut = await findSmsRefusals(
    db,
    ctx.orgId,
    prepared.map((p) => p.item.to),
  );
  const rows = buildRows(ctx, prepared, accounts, optedOut, maxAttempts, options);

  const boss = options.boss ?? (await getSenderBoss());
  const ids = await db.transaction(async (tx) => {
    const { inserted, earlier } = await storeDeliveries(tx, ctx, boss, rows, {
      insert: insertRows,
      content: async (tx, fresh) => {
        await tx.insert(outboxSms).values(
          fresh.map((r) => ({
            messageId: r.id,
            orgId: ctx.orgId,
            toPhone: r.toPhone,
            text: r.text,
            segments: r.segments,
            encoding: r.encoding,
          })),
        );
      },
    });
    // Skipped at once (opted out): storeDeliveries told their origin, in this transaction.
    return rows.map((r) => (inserted.has(r.id) ? r.id : earlier.get(r.idempotencyKey!)!.id));
  });
  log.info(
    {
      orgId: ctx.orgId,
      origin: options.origin.kind,
      originId: options.origin.id ?? undefined,
      sms: rows.length,
      optedOut: rows.filter((r) => r.status === 'cancelled').length,
    },
    'sms enqueued',
  );
  return ids.map((id) => ({ id }));
}

function prepare(items: SmsToEnqueue[]): Prepared[] {
  checkBatchSize(items.length, 'SMS');
  const errors: FieldError[] = [];
  const prepared: Prepared[] = [];
  const now = Date.now();
  const at = (i: number) => (items.length > 1 ? `messages.${i}.` : '');
  items.forEach((raw, i) => {
    const result = safeParseInput(smsToEnqueueInput, raw);
    if (!result.success) {
      for (const e of fieldErrors(result.error))
        errors.push({ path: `${at(i)}${e.path}`, message: e.message });
      return;
    }
    const item = result.data;
    checkSendTimes(item, now, at(i), errors);
    const { idempotencyKey: _key, ...rest } = item;
    prepared.push({
      item,
      length: countSegments(item.text),
      requestHash: crypto.createHash('sha256').update(JSON.stringify(rest)).digest('hex'),
    });
  });
  if (errors.length) throw invalidInput('SMS', errors);
  return prepared;
}

type SmsAccount = SenderAccount & { maxSegments: number };

async function resolveSmsAccounts(db: DbOrTx, ctx: OrgContext, prepared: Prepared[]): Promise<SmsAccount[]> {
  const wanted = [...new Set(prepared.map((p) => p.item.smsAccountId).filter((id): id is string => !!id))];
  const rows = await db
    .select({ account: senderAccounts, maxSegments: smsAccountSettings.maxSegments })
    .from(senderAccounts)
    .leftJoin(smsAccountSettings, eq(smsAccountSettings.senderId, senderAccounts.id))
    .where(
      and(
        eq(senderAccounts.orgId, ctx.orgId),
        eq(senderAccounts.channel, 'sms'),
        isNull(senderAccounts.deletedAt),
        sql`(${senderAccounts.isDefault} or ${senderAccounts.id} = any(${sql.param(wanted.filter(isUuid))}::uuid[]))`,
      ),
    );
  const all = rows.map((r) => ({ ...r.account, maxSegments: r.maxSegments ?? DEFAULT_SMS_MAX_SEGMENTS }));
  const byId = new Map(all.map((a) => [a.id, a]));
  const fallback = all.find((a) => a.isDefault);
  const errors: FieldError[] = [];
  const resolved = prepared.map((p, i) => {
    const account = p.item.smsAccountId ? byId.get(p.item.smsAccountId) : fallback;
    if (!account) {
      errors.push({
        path: `${prepared.length > 1 ? `messages.${i}.` : ''}smsAccountId`,
        message: p.item.smsAccountId
          ? 'is not an SMS account of this organisation'
          : 'is required: the organisation has no default SMS account',
      });
    }
    return account!;
  });
  if (errors.length) throw invalidInput('SMS', errors);
  return resolved;
}

function checkSegmentLimits(prepared: Prepared[], accounts: SmsAccount[]) {
  const errors: FieldError[] = [];
  prepared.forEach((p, i) => {
    const limit = accounts[i]!.maxSegments;
    if (p.length.segments > limit) {
      errors.push({
        path: `${prepared.length > 1 ? `messages.${i}.` : ''}text`,
        message: `is ${p.length.segments} SMS segments (${p.length.encoding}, ${p.length.characters} characters), over the limit of ${limit} per message`,
      });
    }
  });
  if (errors.length) throw invalidInput('SMS', errors);
}

type Row = ReturnType<typeof buildRows>[number];

function buildRows(
  ctx: OrgContext,
  prepared: Prepared[],
  accounts: SmsAccount[],
  optedOut: Map<string, string>,
  maxAttempts: number,
  options: { origin: Origin; queue?: MessageQueue },
) {
  const now = Date.now();
  const expiryMs = env().MAILROOM_SCHEDULED_EXPIRY_HOURS * 3_600_000;
  return prepared.map((p, i) => {
    const { item, length } = p;
    const account = accounts[i]!;
    const scheduled = Boolean(item.sendAt && item.sendAt.getTime() > now);
    const skipped = optedOut.get(item.to);
    const id = crypto.randomUUID();
    return {
      id,
      channel: 'sms' as const,
      orgId: ctx.orgId,
      senderId: account.id,
      originKind: options.origin.kind,
      originId: options.origin.id,
      queue: options.queue ?? ('transactional' as MessageQueue),
      status: skipped ? ('cancelled' as const) : scheduled ? ('scheduled' as const) : ('queued' as const),
      fromAddress: account.fromAddress,
      toPhone: item.to,
      text: item.text,
      segments: length.segments,
      encoding: length.encoding,
      lastError: skipped ?? null,
      maxAttempts,
      sendAt: item.sendAt ?? null,
      expiresAt: item.expiresAt ?? (scheduled ? new Date(item.sendAt!.getTime() + expiryMs) : null),
      idempotencyKey: item.idempotencyKey ?? null,
      requestHash: item.idempotencyKey ? p.requestHash : null,
    };
  });
}

/**
 * The delivery records, in one statement (rows as JSON); a row whose idempotency key is taken is
 * skipped. The SMS's `to` is its phone number, its subject empty, its Message-ID a local id.
 */
async function insertRows(tx: DbOrTx, rows: Row[]) {
  const records = rows.map((r) => ({
    id: r.id,
    org_id: r.orgId,
    sender_id: r.senderId,
    origin_kind: r.originKind,
    origin_id: r.originId,
    queue: r.queue,
    status: r.status,
    from_address: r.fromAddress,
    to: [{ address: r.toPhone }],
    message_id: `<${r.id}@sms.mailroom>`,
    max_attempts: r.maxAttempts,
    last_error: r.lastError,
    send_at: r.sendAt ? r.sendAt.toISOString() : null,
    expires_at: r.expiresAt ? r.expiresAt.toISOString() : null,
    idempotency_key: r.idempotencyKey,
    request_hash: r.requestHash,
  }));
  return (
    await tx.execute(sql`
      insert into outbox_messages (
        id, org_id, channel, sender_id, origin_kind, origin_id, queue, status, from_address, "to",
        subject, message_id, max_attempts, last_error, finished_at, send_at, expires_at,
        idempotency_key, request_hash
      )
      select
        x.id, x.org_id, 'sms', x.sender_id, x.origin_kind::message_origin_kind, x.origin_id,
        x.queue::message_queue, x.status::message_status, x.from_address, x."to", '', x.message_id,
        x.max_attempts, x.last_error, case when x.status = 'cancelled' then now() end,
        coalesce(x.send_at, now()), x.expires_at, x.idempotency_key, x.request_hash
      from json_to_recordset(${JSON.stringify(records)}::json) as x(
        id uuid, org_id uuid, sender_id uuid, origin_kind text, origin_id uuid, queue text, status text,
        from_address text, "to" jsonb, message_id text, max_attempts int, last_error text,
        send_at timestamptz, expires_at timestamptz, idempotency_key text, request_hash text
      )
      ${skipTakenKeys(rows)}
      returning ${settledColumns()}
    `)
  ).map(settledFromSql);
}
