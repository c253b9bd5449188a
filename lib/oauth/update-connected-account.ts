// Changes a connected account: its name (the sender account's and the mailbox's, so the two stay
// one account) and, when it sends, its From name, Reply-To, limits and whether it is the default —
// through the sender account's own rules (lib/outbox/update-sender.ts). Sending settings on an
// account connected for receiving only are refused, naming the field.
import { eq } from 'drizzle-orm';
import { badRequest, parseOr400 } from '../api/errors';
import { type OrgContext, requireRole } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { inboxMailboxes } from '../db/schema/inbox';
import { updateSender } from '../outbox/update-sender';
import {
  type ConnectedAccountView,
  type UpdateConnectedAccountInput,
  updateConnectedAccountInput,
} from './connected-account.schema';
import { getConnectedAccount } from './list-connected-accounts';

export async function updateConnectedAccount(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
  input: UpdateConnectedAccountInput,
): Promise<ConnectedAccountView> {
  requireRole(ctx, 'admin');
  const { name, ...sending } = parseOr400(updateConnectedAccountInput, input);
  return db.transaction(async (tx) => {
    const account = await getConnectedAccount(tx, ctx, id);
    const sendingFields = Object.keys(sending) as (keyof typeof sending)[];
    if (!account.sender && sendingFields.length) {
      throw badRequest(
        'This account is connected for receiving only: it has no sending settings.',
        sendingFields.map((path) => ({ path, message: 'applies only to an account that sends' })),
      );
    }
    if (account.sender && (name !== undefined || sendingFields.length))
      await updateSender(tx, ctx, account.sender.id, { ...sending, ...(name !== undefined ? { name } : {}) });
    if (account.mailbox && name !== undefined)
      await tx
        .update(inboxMailboxes)
        .set({ name, updatedAt: new Date() })
        .where(eq(inboxMailboxes.id, account.mailbox.id));
    return getConnectedAccount(tx, ctx, id);
  });
}
