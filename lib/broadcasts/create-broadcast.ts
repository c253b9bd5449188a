// Compose: a message to contacts and groups, stored as a draft or scheduled (now or later) with the
// job that wakes the worker at its time, in one transaction. Groups are NOT expanded here: that
// happens when it is due (process-due-broadcasts.ts). An Idempotency-Key returns the first message
// for a repeated request and refuses the same key with another body.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { badRequest, conflict, notFound, parseOr400 } from '../api/errors';
import { actorUserId, type OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { broadcasts, broadcastTemplates } from '../db/schema/broadcasts';
import { log } from '../log';
import { type BroadcastView, type CreateBroadcastInput, createBroadcastInput } from './broadcast.schema';
import { toBroadcastView } from './broadcast-view';
import { checkBroadcast } from './check-broadcast';
import { newTrackingId } from './tracking-token';
import { wakeAt } from './wake-at';

export async function createBroadcast(
  db: DbOrTx,
  ctx: OrgContext,
  input: CreateBroadcastInput,
  options: { idempotencyKey?: string; boss?: PgBoss; now?: Date } = {},
): Promise<BroadcastView & { duplicate: boolean }> {
  const parsed = parseOr400(createBroadcastInput, input, 'request body');
  const key = options.idempotencyKey;
  const hash = crypto.createHash('sha256').update(JSON.stringify(parsed)).digest('hex');
  if (key) {
    const [earlier] = await db
      .select()
      .from(broadcasts)
      .where(and(eq(broadcasts.orgId, ctx.orgId), eq(broadcasts.idempotencyKey, key)));
    if (earlier) {
      if (earlier.requestHash !== hash) throw conflict('This Idempotency-Key was used with another message.');
      return { ...toBroadcastView(earlier), duplicate: true };
    }
  }
  let { subject, content } = parsed;
  if (parsed.templateId) {
    const [template] = await db
      .select()
      .from(broadcastTemplates)
      .where(and(eq(broadcastTemplates.orgId, ctx.orgId), eq(broadcastTemplates.id, parsed.templateId)));
    if (!template) throw notFound('Template');
    subject ||= template.subject;
    content ??= template.content;
  }
  const fields = {
    channels: parsed.channels,
    contactIds: [...new Set(parsed.contactIds)],
    groupIds: [...new Set(parsed.groupIds)],
    subject,
    content: content ?? '',
    senderId: parsed.senderId ?? null,
    smsAccountId: parsed.smsAccountId ?? null,
    scheduledAt: parsed.scheduledAt ?? null,
    expiresAt: parsed.expiresAt ?? null,
    draft: parsed.draft,
  };
  if (!fields.content) {
    throw badRequest('Invalid request body: content is required', [
      { path: 'content', message: 'is required' },
    ]);
  }
  const times = await checkBroadcast(db, ctx, fields, options.now);
  const status = parsed.draft ? ('draft' as const) : ('scheduled' as const);

  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(broadcasts)
      .values({
        orgId: ctx.orgId,
        channels: fields.channels,
        contactIds: fields.contactIds,
        groupIds: fields.groupIds,
        subject: fields.subject,
        content: fields.content,
        senderId: fields.senderId,
        smsAccountId: fields.smsAccountId,
        status,
        scheduledAt: times.scheduledAt ?? (status === 'scheduled' ? (options.now ?? new Date()) : null),
        expiresAt: times.expiresAt,
        aggregateToken: newTrackingId(),
        idempotencyKey: key ?? null,
        requestHash: key ? hash : null,
        createdBy: actorUserId(ctx),
      })
      .onConflictDoNothing()
      .returning();
    if (!created) return null;
    if (created.status === 'scheduled') await wakeAt(tx, created.id, created.scheduledAt!, options.boss);
    return created;
  });
  if (!row) {
    // Another request with the same key won the race: answer as its repeat.
    return createBroadcast(db, ctx, input, options);
  }
  log.info({ orgId: ctx.orgId, broadcastId: row.id, status: row.status }, 'broadcast created');
  return { ...toBroadcastView(row), duplicate: false };
}
