// Disconnects a mailbox and deletes everything imported from it (messages, attachments,
// quarantine, cursors: the foreign keys cascade) and its credential. Nothing on the mail server is
// touched.
import { eq } from 'drizzle-orm';
import { type OrgContext, requireRole } from '../auth/org-context';
import { deleteCredentialIfUnused } from '../credentials/delete-credential-if-unused';
import type { DbOrTx } from '../db/client';
import { inboxMailboxes } from '../db/schema/inbox';
import { getIntegrationRow } from './list-integrations';

export async function deleteIntegration(db: DbOrTx, ctx: OrgContext, id: string): Promise<void> {
  requireRole(ctx, 'admin');
  const row = await getIntegrationRow(db, ctx, id);
  await db.transaction(async (tx) => {
    await tx.delete(inboxMailboxes).where(eq(inboxMailboxes.id, row.id));
    await deleteCredentialIfUnused(tx, { id: row.credentialId, orgId: row.orgId });
  });
}
