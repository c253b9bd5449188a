import { and, isNull } from 'drizzle-orm';
import { notFound } from '../api/errors';
import { type OrgContext, requireRole } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { invitations } from '../db/schema/orgs';
import { byIdInOrg } from '../db/scoped';

export async function revokeInvitation(db: DbOrTx, ctx: OrgContext, id: string): Promise<void> {
  requireRole(ctx, 'admin');
  const deleted = await db
    .delete(invitations)
    .where(and(byIdInOrg(invitations, id, ctx), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  if (deleted.length === 0) throw notFound('Invitation');
}
