// Removes a sender account. Refused while messages still wait to go out from it, or while a feature
// still means to send from it (a scheduled message naming it: origin handlers' `waitingOn`); otherwise the row
// stays (soft-deleted) so the history of what it sent keeps its sender; its credential goes.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { AppError, conflict } from '../api/errors';
import { type OrgContext, requireRole } from '../auth/org-context';
import { deleteCredentialIfUnused } from '../credentials/delete-credential-if-unused';
import type { DbOrTx } from '../db/client';
import { outboxMessages, senderAccounts } from '../db/schema/outbox';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { originsWaitingOn } from './origin-handlers';

export async function deleteSender(db: DbOrTx, ctx: OrgContext, id: string): Promise<void> {
  requireRole(ctx, 'admin');
  await db.transaction(async (tx) => {
    const sender = firstOr404(
      await tx
        .select({ id: senderAccounts.id, credentialId: senderAccounts.credentialId })
        .from(senderAccounts)
        .where(and(byIdInOrg(senderAccounts, id, ctx), isNull(senderAccounts.deletedAt)))
        .for('update'),
      'Sender account',
    );
    const waiting = await tx.$count(
      outboxMessages,
      and(
        eq(outboxMessages.senderId, sender.id),
        inArray(outboxMessages.status, ['scheduled', 'queued', 'sending']),
      ),
    );
    if (waiting > 0) {
      throw conflict(
        `${waiting} message${waiting === 1 ? ' is' : 's are'} still waiting to be sent from this account: cancel ${waiting === 1 ? 'it' : 'them'} first, or let ${waiting === 1 ? 'it' : 'them'} go out.`,
      ).localized('senderHasWaiting');
    }
    const scheduled = (await originsWaitingOn(tx, { orgId: ctx.orgId, senderId: sender.id })).reduce(
      (sum, w) => sum + w.count,
      0,
    );
    if (scheduled > 0) {
      throw new AppError(
        409,
        'conflict',
        `${scheduled} scheduled message${scheduled === 1 ? ' is' : 's are'} to be sent from this account: choose another account for ${scheduled === 1 ? 'it' : 'them'}, or cancel ${scheduled === 1 ? 'it' : 'them'}, first.`,
        { scheduledMessages: scheduled },
      ).localized('senderNamedByScheduled', { count: scheduled });
    }
    await tx
      .update(senderAccounts)
      .set({ deletedAt: new Date(), isDefault: false, credentialId: null, updatedAt: new Date() })
      .where(eq(senderAccounts.id, sender.id));
    if (sender.credentialId)
      await deleteCredentialIfUnused(tx, { id: sender.credentialId, orgId: ctx.orgId });
  });
}
