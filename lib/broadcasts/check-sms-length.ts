// Before a message with SMS is saved: its text as typed, with the STOP mention a group message
// gets, within the segment limit of the SMS account it will go through (the organisation's default)
// — so that a mention added to a text near the limit is refused now, with the field, rather than
// failing the whole message when it is due. Variables count as typed; each SMS, filled in, is
// checked again when it is enqueued.
import { and, eq, isNull } from 'drizzle-orm';
import type { FieldError } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type BroadcastChannel, broadcastSettings } from '../db/schema/broadcasts';
import { senderAccounts } from '../db/schema/outbox';
import { smsAccountSettings } from '../db/schema/sms';
import { DEFAULT_SMS_MAX_SEGMENTS } from '../outbox/sms-account.schema';
import { countSegments } from '../sms/count-segments';
import { withStopMention } from './with-stop-mention';

export async function smsLengthErrors(
  db: DbOrTx,
  ctx: OrgContext,
  f: { channels: BroadcastChannel[]; groupIds: string[]; content: string },
): Promise<FieldError[]> {
  if (!f.channels.includes('sms')) return [];
  const [[settings], [account]] = await Promise.all([
    db
      .select({ mention: broadcastSettings.smsStopMention })
      .from(broadcastSettings)
      .where(eq(broadcastSettings.orgId, ctx.orgId)),
    db
      .select({ maxSegments: smsAccountSettings.maxSegments })
      .from(senderAccounts)
      .leftJoin(smsAccountSettings, eq(smsAccountSettings.senderId, senderAccounts.id))
      .where(
        and(
          eq(senderAccounts.orgId, ctx.orgId),
          eq(senderAccounts.channel, 'sms'),
          eq(senderAccounts.isDefault, true),
          isNull(senderAccounts.deletedAt),
        ),
      )
      .limit(1),
  ]);
  const mention = f.groupIds.length ? (settings?.mention ?? null) : null;
  const length = countSegments(withStopMention(f.content, mention));
  const limit = account?.maxSegments ?? DEFAULT_SMS_MAX_SEGMENTS;
  if (length.segments <= limit) return [];
  return [
    {
      path: 'content',
      message: `is ${length.segments} SMS segments (${length.encoding}, ${length.characters} characters${mention ? ', with the STOP mention' : ''}), over the limit of ${limit} per message of the SMS account`,
    },
  ];
}
