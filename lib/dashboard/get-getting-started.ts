// The getting-started checklist of a new organisation, each step ticked from what exists: a sender
// account of its own (the preview mailbox does not count), a mailbox, imported invoices. (The
// unread count is the inbox's own: lib/inbox/count-unread.ts.)
import { and, isNull, ne } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { inboxMailboxes } from '../db/schema/inbox';
import { invoices } from '../db/schema/invoices';
import { senderAccounts } from '../db/schema/outbox';
import { inOrg } from '../db/scoped';

export type GettingStarted = { hasSender: boolean; hasMailbox: boolean; hasInvoices: boolean };

export async function getGettingStarted(db: DbOrTx, ctx: OrgContext): Promise<GettingStarted> {
  const [sender, mailbox, invoice] = await Promise.all([
    db
      .select({ id: senderAccounts.id })
      .from(senderAccounts)
      .where(
        and(inOrg(senderAccounts, ctx), isNull(senderAccounts.deletedAt), ne(senderAccounts.kind, 'preview')),
      )
      .limit(1),
    db.select({ id: inboxMailboxes.id }).from(inboxMailboxes).where(inOrg(inboxMailboxes, ctx)).limit(1),
    db.select({ id: invoices.id }).from(invoices).where(inOrg(invoices, ctx)).limit(1),
  ]);
  return { hasSender: sender.length > 0, hasMailbox: mailbox.length > 0, hasInvoices: invoice.length > 0 };
}
