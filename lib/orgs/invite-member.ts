// An owner (or admin) invites someone by email with a role; the link in the email adds them to the
// organisation once they sign in with that address.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { conflict, parseOr400 } from '../api/errors';
import { actorUserId, type OrgContext, requireRole } from '../auth/org-context';
import { randomToken, sha256 } from '../crypto/tokens';
import type { DbOrTx } from '../db/client';
import { users } from '../db/schema/auth';
import { invitations, memberships, organizations, roleEnum } from '../db/schema/orgs';
import { env } from '../env';
import { getTranslator } from '../i18n/get-translator';
import { recipientLocale } from '../i18n/recipient-locale';
import { escapeHtml } from '../mail/escape-html';
import { sendSystemMail } from '../mail/send-system-mail';

export const inviteMemberInput = z.object({
  email: z.email('is not a valid email address').transform((e) => e.toLowerCase()),
  role: z.enum(roleEnum.enumValues).default('member'),
});
export type InviteMemberInput = z.input<typeof inviteMemberInput>;

const INVITATION_DAYS = 7;

export async function inviteMember(db: DbOrTx, ctx: OrgContext, input: InviteMemberInput) {
  const { email, role } = parseOr400(inviteMemberInput, input);
  requireRole(ctx, role === 'owner' ? 'owner' : 'admin');

  const [existingMember] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, ctx.orgId), eq(users.email, email)));
  if (existingMember)
    throw conflict(`${email} is already a member of this organisation.`).localized('alreadyMember', {
      email,
    });

  const [pending] = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.orgId, ctx.orgId),
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  if (pending)
    throw conflict(`${email} already has a pending invitation.`).localized('alreadyInvited', { email });

  const token = randomToken();
  const [invitation] = await db
    .insert(invitations)
    .values({
      orgId: ctx.orgId,
      email,
      role,
      tokenHash: sha256(token),
      invitedBy: actorUserId(ctx),
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    })
    .returning();
  if (!invitation) throw new Error('invitation insert returned nothing');

  const [org] = await db
    .select({ name: organizations.name, defaultLocale: organizations.defaultLocale })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId));
  const url = `${env().APP_URL}/invite/${token}`;
  // In the invitee's language if they already use Mailroom, else in the organisation's.
  const t = getTranslator(await recipientLocale(db, email, { orgLocale: org?.defaultLocale }));
  const values = { org: org?.name ?? '', role: t(`roles.${role}`), days: INVITATION_DAYS };
  await sendSystemMail(db, {
    to: email,
    subject: t('emails.invitation.subject', values),
    text: t('emails.invitation.text', { ...values, url }),
    html: `<p>${t.markup('emails.invitation.intro', { ...values, org: escapeHtml(values.org), strong: (c) => `<strong>${c}</strong>` })}</p><p><a href="${escapeHtml(url)}">${escapeHtml(t('emails.invitation.button'))}</a></p><p>${escapeHtml(t('emails.invitation.validity', values))}</p>`,
  });
  return { invitation: publicInvitation(invitation), url };
}

export function publicInvitation(row: typeof invitations.$inferSelect) {
  const { tokenHash: _hidden, ...rest } = row;
  return rest;
}
