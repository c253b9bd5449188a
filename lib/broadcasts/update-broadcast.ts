// Edit a message until it is due: a draft or a scheduled message not yet expanded. The row is
// locked and re-read, so an edit racing the worker's expansion either lands before it or is refused.
import { and, eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { conflict, parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { broadcasts } from '../db/schema/broadcasts';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { type BroadcastView, type UpdateBroadcastInput, updateBroadcastInput } from './broadcast.schema';
import { toBroadcastView } from './broadcast-view';
import { checkBroadcast } from './check-broadcast';
import { wakeAt } from './wake-at';

export async function updateBroadcast(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
  input: UpdateBroadcastInput,
  options: { boss?: PgBoss; now?: Date } = {},
): Promise<BroadcastView> {
  const patch = parseOr400(updateBroadcastInput, input, 'request body');
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const current = firstOr404(
      await tx
        .select()
        .from(broadcasts)
        .where(byIdInOrg(broadcasts, id, ctx))
        .for('update'),
      'Message',
    );
    if (current.status !== 'draft' && current.status !== 'scheduled') {
      throw conflict(`This message is ${current.status}: it can no longer be edited.`).localized(
        'broadcastNotEditable',
      );
    }
    const draft = patch.draft ?? current.status === 'draft';
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    // A scheduled time that has passed stays as it was only if not touched: editing "now" reschedules to now.
    const fields = {
      channels: patch.channels ?? current.channels,
      contactIds: patch.contactIds ? [...new Set(patch.contactIds)] : current.contactIds,
      groupIds: patch.groupIds ? [...new Set(patch.groupIds)] : current.groupIds,
      subject: patch.subject ?? current.subject,
      content: patch.content ?? current.content,
      senderId: patch.senderId === undefined ? current.senderId : patch.senderId,
      smsAccountId: patch.smsAccountId === undefined ? current.smsAccountId : patch.smsAccountId,
      scheduledAt:
        patch.scheduledAt === undefined
          ? current.scheduledAt && current.scheduledAt > now
            ? iso(current.scheduledAt)
            : null
          : patch.scheduledAt,
      expiresAt:
        patch.expiresAt === undefined
          ? patch.scheduledAt === undefined && current.expiresAt && current.expiresAt > now
            ? iso(current.expiresAt)
            : null
          : patch.expiresAt,
      draft,
    };
    const times = await checkBroadcast(tx, ctx, fields, now);
    const status = draft ? ('draft' as const) : ('scheduled' as const);
    const [updated] = await tx
      .update(broadcasts)
      .set({
        channels: fields.channels,
        contactIds: fields.contactIds,
        groupIds: fields.groupIds,
        subject: fields.subject,
        content: fields.content,
        senderId: fields.senderId,
        smsAccountId: fields.smsAccountId,
        status,
        scheduledAt: times.scheduledAt ?? (status === 'scheduled' ? now : null),
        expiresAt: times.expiresAt,
        updatedAt: new Date(),
      })
      .where(and(eq(broadcasts.id, current.id), eq(broadcasts.orgId, ctx.orgId)))
      .returning();
    if (updated!.status === 'scheduled') await wakeAt(tx, updated!.id, updated!.scheduledAt!, options.boss);
    return toBroadcastView(updated!);
  });
}
