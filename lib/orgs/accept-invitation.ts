// The invited person, signed in, follows the link: they join with the invited role. The address
// they signed in with must be the invited one, so a forwarded link cannot be used by someone else.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { AppError, notFound } from '../api/errors';
import { sha256 } from '../crypto/tokens';
import type { DbOrTx } from '../db/client';
import { invitations, memberships } from '../db/schema/orgs';

export async function acceptInvitation(db: DbOrTx, user: { id: string; email: string }, token: string) {
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.tokenHash, sha256(token)),
          isNull(invitations.acceptedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      )
      .for('update');
    if (!invitation)
      throw notFound('Invitation (it may have expired or been used already)').localized('invitationGone');
    if (invitation.email !== user.email.toLowerCase()) {
      throw new AppError(
        403,
        'forbidden',
        `This invitation was sent to ${invitation.email}; you are signed in as ${user.email}.`,
      ).localized('invitationOtherEmail', { email: invitation.email });
    }
    await tx
      .insert(memberships)
      .values({ orgId: invitation.orgId, userId: user.id, role: invitation.role })
      .onConflictDoNothing();
    await tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, invitation.id));
    return { orgId: invitation.orgId, role: invitation.role };
  });
}
