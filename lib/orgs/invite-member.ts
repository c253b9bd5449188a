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
  if (existingMember) throw conflict(`${email} is already a member of this organisation.`);

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
  if (pending) throw conflict(`${email} already has a pending invitation.`);

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
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId));
  const url = `${env().APP_URL}/invite/${token}`;
  await sendSystemMail(db, {
    to: email,
    subject: `You are invited to ${org?.name ?? 'an organisation'} on Mailroom`,
    text: `You have been invited to join ${org?.name} on Mailroom as ${role}.\n\nAccept the invitation: ${url}\n\nThe link is valid for ${INVITATION_DAYS} days.`,
    html: `<p>You have been invited to join <strong>${escapeHtml(org?.name ?? '')}</strong> on Mailroom as ${role}.</p><p><a href="${url}">Accept the invitation</a></p><p>The link is valid for ${INVITATION_DAYS} days.</p>`,
  });
  return { invitation: publicInvitation(invitation), url };
}

export function publicInvitation(row: typeof invitations.$inferSelect) {
  const { tokenHash: _hidden, ...rest } = row;
  return rest;
}
