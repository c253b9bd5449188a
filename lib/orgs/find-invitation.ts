import { and, eq, gt, isNull } from 'drizzle-orm';
import { sha256 } from '../crypto/tokens';
import type { DbOrTx } from '../db/client';
import { invitations, organizations } from '../db/schema/orgs';

/** What the invitation page shows before the person accepts; undefined when expired or used. */
export async function findInvitationByToken(db: DbOrTx, token: string) {
  const [row] = await db
    .select({ email: invitations.email, role: invitations.role, orgName: organizations.name })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(
      and(
        eq(invitations.tokenHash, sha256(token)),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  return row;
}
