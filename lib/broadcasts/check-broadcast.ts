// What a message must be before it is stored, whether created or edited: its variables known, its
// SMS account usable and its SMS within that account's segments (with the STOP mention), its targets
// and email sender this organisation's, its times readable in the organisation's zone (not in a
// daylight-saving gap), due within a year, expiring after it is due. Nothing is stored otherwise.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { badRequest, type FieldError } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import type { BroadcastChannel } from '../db/schema/broadcasts';
import { contactGroups, contacts } from '../db/schema/contacts';
import { organizations } from '../db/schema/orgs';
import { senderAccounts } from '../db/schema/outbox';
import { env } from '../env';
import { smsLengthErrors } from './check-sms-length';
import { knownCustomFields, variableErrors } from './message-variables';
import { readWhen } from './when';

export type BroadcastFields = {
  channels: BroadcastChannel[];
  contactIds: string[];
  groupIds: string[];
  subject: string;
  content: string;
  senderId: string | null;
  smsAccountId: string | null;
  scheduledAt: string | null;
  expiresAt: string | null;
  draft: boolean;
};

export type CheckedTimes = { scheduledAt: Date | null; expiresAt: Date | null };

/** Past this much in the past, a time is refused rather than taken as "now". */
const PAST_TOLERANCE_MS = 60_000;

export async function checkBroadcast(
  db: DbOrTx,
  ctx: OrgContext,
  f: BroadcastFields,
  now = new Date(),
): Promise<CheckedTimes> {
  const errors: FieldError[] = [];
  const [custom, [org]] = await Promise.all([
    knownCustomFields(db, ctx),
    db
      .select({ timeZone: organizations.timeZone })
      .from(organizations)
      .where(eq(organizations.id, ctx.orgId)),
  ]);
  const timeZone = org?.timeZone ?? 'UTC';

  const emailed = f.channels.includes('email');
  errors.push(
    ...variableErrors(
      [
        ['subject', emailed ? f.subject : ''],
        ['content', f.content],
      ],
      custom,
    ),
  );
  errors.push(...(await smsLengthErrors(db, ctx, f)));
  if (emailed && !f.subject.trim()) errors.push({ path: 'subject', message: 'is required for email' });
  if (!f.draft && f.contactIds.length === 0 && f.groupIds.length === 0) {
    errors.push({ path: 'contactIds', message: 'names no contact and groupIds no group' });
  }

  const [foundContacts, foundGroups, sender] = await Promise.all([
    f.contactIds.length
      ? db
          .select({ id: contacts.id })
          .from(contacts)
          .where(and(eq(contacts.orgId, ctx.orgId), inArray(contacts.id, f.contactIds)))
      : [],
    f.groupIds.length
      ? db
          .select({ id: contactGroups.id })
          .from(contactGroups)
          .where(and(eq(contactGroups.orgId, ctx.orgId), inArray(contactGroups.id, f.groupIds)))
      : [],
    f.senderId
      ? db
          .select({ id: senderAccounts.id })
          .from(senderAccounts)
          .where(
            and(
              eq(senderAccounts.orgId, ctx.orgId),
              eq(senderAccounts.id, f.senderId),
              eq(senderAccounts.channel, 'email'),
              isNull(senderAccounts.deletedAt),
            ),
          )
      : [{ id: null }],
  ]);
  const contactSet = new Set(foundContacts.map((c) => c.id));
  f.contactIds.forEach((id, i) => {
    if (!contactSet.has(id))
      errors.push({ path: `contactIds.${i}`, message: 'is not a contact of this organisation' });
  });
  const groupSet = new Set(foundGroups.map((g) => g.id));
  f.groupIds.forEach((id, i) => {
    if (!groupSet.has(id))
      errors.push({ path: `groupIds.${i}`, message: 'is not a group of this organisation' });
  });
  if (sender.length === 0)
    errors.push({ path: 'senderId', message: 'is not a sender account of this organisation' });
  if (errors.length) throw badRequest(`Invalid message: ${errors[0]!.path} ${errors[0]!.message}`, errors);

  // Times after the rest: their errors carry their own words (a DST gap is localized).
  const scheduledAt = f.scheduledAt ? readWhen(f.scheduledAt, timeZone, 'scheduledAt') : null;
  const due = scheduledAt ?? now;
  if (scheduledAt && scheduledAt.getTime() < now.getTime() - PAST_TOLERANCE_MS && !f.draft) {
    throw badRequest('scheduledAt is in the past.', [
      { path: 'scheduledAt', message: 'is in the past' },
    ]).localized('scheduledInPast');
  }
  if (due.getTime() > now.getTime() + 366 * 86_400_000) {
    throw badRequest('scheduledAt is more than a year away.', [
      { path: 'scheduledAt', message: 'is more than a year away' },
    ]);
  }
  let expiresAt = f.expiresAt ? readWhen(f.expiresAt, timeZone, 'expiresAt') : null;
  if (expiresAt && expiresAt.getTime() <= due.getTime()) {
    throw badRequest('expiresAt must be after scheduledAt.', [
      { path: 'expiresAt', message: 'must be after scheduledAt' },
    ]);
  }
  if (!expiresAt && !f.draft) {
    expiresAt = new Date(due.getTime() + env().MAILROOM_SCHEDULED_EXPIRY_HOURS * 3_600_000);
  }
  return { scheduledAt, expiresAt };
}
