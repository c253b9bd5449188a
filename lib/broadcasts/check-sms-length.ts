// Before a message with SMS is saved: the SMS account it names (or the organisation's default) must
// be this organisation's, an SMS account, and able to send; and its text as typed, with the STOP
// mention a group message gets, within that account's segment limit — so that a mention added to a
// text near the limit is refused now, with the field, rather than failing the whole message when it
// is due. Variables count as typed; each SMS, filled in, is checked again when it is enqueued. The
// compose page's live count (preview-broadcast.ts) is the same computation.
import { and, eq, isNull } from 'drizzle-orm';
import type { FieldError } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type BroadcastChannel, broadcastSettings } from '../db/schema/broadcasts';
import { senderAccounts } from '../db/schema/outbox';
import { smsAccountSettings } from '../db/schema/sms';
import { DEFAULT_SMS_MAX_SEGMENTS } from '../outbox/sms-account.schema';
import { countSegments, type SmsLength } from '../sms/count-segments';
import { withStopMention } from './with-stop-mention';

export type BroadcastSmsLength = SmsLength & { stopMention: string | null; maxSegments: number };

/** The SMS as it will weigh (with the mention of a group message), and the account's limit. */
export async function measureBroadcastSms(
  db: DbOrTx,
  ctx: OrgContext,
  f: { groupIds: string[]; content: string; smsAccountId?: string | null },
): Promise<{ length: BroadcastSmsLength; accountError: FieldError | null }> {
  const [[settings], account] = await Promise.all([
    db
      .select({ mention: broadcastSettings.smsStopMention })
      .from(broadcastSettings)
      .where(eq(broadcastSettings.orgId, ctx.orgId)),
    smsAccountFor(db, ctx, f.smsAccountId ?? null),
  ]);
  const mention = f.groupIds.length ? settings?.mention?.trim() || null : null;
  const length = countSegments(withStopMention(f.content, mention));
  return {
    length: { ...length, stopMention: mention, maxSegments: account.maxSegments },
    accountError: account.error ? { path: 'smsAccountId', message: account.error } : null,
  };
}

export async function smsLengthErrors(
  db: DbOrTx,
  ctx: OrgContext,
  f: { channels: BroadcastChannel[]; groupIds: string[]; content: string; smsAccountId: string | null },
): Promise<FieldError[]> {
  // A named account is checked even without the SMS channel: it is stored, and a later edit may add SMS.
  if (!f.channels.includes('sms') && !f.smsAccountId) return [];
  const { length, accountError } = await measureBroadcastSms(db, ctx, f);
  if (accountError) return [accountError];
  if (!f.channels.includes('sms') || length.segments <= length.maxSegments) return [];
  return [
    {
      path: 'content',
      message: `is ${length.segments} SMS segments (${length.encoding}, ${length.characters} characters${length.stopMention ? ', with the STOP mention' : ''}), over the limit of ${length.maxSegments} per message of the SMS account`,
    },
  ];
}

/**
 * The named account, or the default one (none yet: the preview account made on the first SMS, with
 * the default limit). A named account must be this organisation's, of the SMS channel, not deleted,
 * and hold its provider's secret (the preview provider needs none).
 */
async function smsAccountFor(
  db: DbOrTx,
  ctx: OrgContext,
  id: string | null,
): Promise<{ maxSegments: number; error?: string }> {
  const [row] = await db
    .select({
      channel: senderAccounts.channel,
      kind: senderAccounts.kind,
      credentialId: senderAccounts.credentialId,
      maxSegments: smsAccountSettings.maxSegments,
    })
    .from(senderAccounts)
    .leftJoin(smsAccountSettings, eq(smsAccountSettings.senderId, senderAccounts.id))
    .where(
      and(
        eq(senderAccounts.orgId, ctx.orgId),
        isNull(senderAccounts.deletedAt),
        id
          ? eq(senderAccounts.id, id)
          : and(eq(senderAccounts.channel, 'sms'), eq(senderAccounts.isDefault, true)),
      ),
    )
    .limit(1);
  const maxSegments = row?.maxSegments ?? DEFAULT_SMS_MAX_SEGMENTS;
  if (!id) return { maxSegments };
  if (!row) return { maxSegments, error: 'is not an SMS account of this organisation' };
  if (row.channel !== 'sms') {
    return { maxSegments, error: 'is an email sender account, not an SMS account' };
  }
  if (row.kind !== 'preview' && !row.credentialId) {
    return { maxSegments, error: 'cannot send: the SMS account has no provider secret (set it on its page)' };
  }
  return { maxSegments };
}
