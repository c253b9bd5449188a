// Changes a scheduled message before it is due: recipients, content, headers, time. A new time
// gets a new job; the old job, when it fires, finds the message not yet due and leaves it alone.
import { and, eq, sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { badRequest, conflict, type FieldError, parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { outboxMessages } from '../db/schema/outbox';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { env } from '../env';
import { getSenderBoss } from '../jobs/boss';
import { htmlToText } from '../mail/html-to-text';
import { insertSendJobs } from './insert-send-jobs';
import {
  type EditScheduledInput,
  editScheduledInput,
  type MessageView,
  SEND_AT_TOLERANCE_MS,
} from './message.schema';
import { toMessageView } from './message-view';

export async function editScheduledMessage(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
  input: EditScheduledInput,
  options: { boss?: PgBoss } = {},
): Promise<MessageView> {
  const e = parseOr400(editScheduledInput, input, 'request body');
  const boss = options.boss ?? (await getSenderBoss());
  return db.transaction(async (tx) => {
    const m = firstOr404(
      await tx
        .select()
        .from(outboxMessages)
        .where(byIdInOrg(outboxMessages, id, ctx))
        .for('update'),
      'Message',
    );
    if (m.channel !== 'email') {
      throw conflict('This message is an SMS: cancel it and enqueue a new one to change it.');
    }
    if (m.status !== 'scheduled') {
      throw conflict(`The message is ${m.status}: only a scheduled message can be edited.`);
    }
    const now = Date.now();
    const sendAt = e.sendAt ?? m.sendAt;
    const expiresAt =
      e.expiresAt !== undefined
        ? e.expiresAt
        : e.sendAt
          ? new Date(e.sendAt.getTime() + env().MAILROOM_SCHEDULED_EXPIRY_HOURS * 3_600_000)
          : m.expiresAt;
    const html = e.html !== undefined ? e.html : m.html;
    const text =
      e.text !== undefined ? e.text : e.html !== undefined ? (e.html ? htmlToText(e.html) : null) : m.text;
    const to = e.to ?? m.to;
    const cc = e.cc ?? m.cc;
    const bcc = e.bcc ?? m.bcc;

    const errors: FieldError[] = [];
    if (e.sendAt && e.sendAt.getTime() < now - SEND_AT_TOLERANCE_MS)
      errors.push({ path: 'sendAt', message: 'is in the past' });
    if (expiresAt && expiresAt.getTime() <= sendAt.getTime())
      errors.push({ path: 'expiresAt', message: 'must be after sendAt' });
    if (to.length + cc.length + bcc.length === 0)
      errors.push({ path: 'to', message: 'needs at least one recipient (to, cc or bcc)' });
    if (!text?.trim() && !html?.trim())
      errors.push({ path: 'text', message: 'a message needs a text or an HTML body' });
    if (errors.length)
      throw badRequest(`Invalid request body: ${errors[0]!.path} ${errors[0]!.message}`, errors);

    const due = sendAt.getTime() <= now;
    const [row] = await tx
      .update(outboxMessages)
      .set({
        to,
        cc,
        bcc,
        replyTo: e.replyTo !== undefined ? e.replyTo : m.replyTo,
        subject: e.subject ?? m.subject,
        text,
        html,
        headers: e.headers ?? m.headers,
        sendAt: due ? sql`now()` : sendAt,
        expiresAt,
        status: due ? 'queued' : 'scheduled',
        updatedAt: sql`now()`,
      })
      .where(and(eq(outboxMessages.id, m.id), eq(outboxMessages.status, 'scheduled')))
      .returning();
    if (e.sendAt) {
      await insertSendJobs(tx, boss, [
        { id: row!.id, queue: row!.queue, startAfter: due ? null : row!.sendAt },
      ]);
    }
    return toMessageView(row!);
  });
}
