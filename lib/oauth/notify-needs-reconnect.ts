// Emails the organisation's owners and admins when a connected account's grant is refused
// (revoked, expired): once, when the credential turns needs_reconnect, naming the accounts that
// use it (the mailbox's address for one connected for receiving only) and where to reconnect. No
// token or secret is in the mail.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { GrantRevokedListener } from '../credentials/credential-refreshers';
import { getDb } from '../db/client';
import { users } from '../db/schema/auth';
import { inboxMailboxes } from '../db/schema/inbox';
import { memberships } from '../db/schema/orgs';
import { senderAccounts } from '../db/schema/outbox';
import { env } from '../env';
import { escapeHtml } from '../mail/escape-html';
import { sendSystemMail } from '../mail/send-system-mail';

export const notifyNeedsReconnect: GrantRevokedListener = async ({ credentialId, orgId, reason }) => {
  const db = getDb();
  const accounts = await db
    .select({ fromAddress: senderAccounts.fromAddress })
    .from(senderAccounts)
    .where(
      and(
        eq(senderAccounts.orgId, orgId),
        eq(senderAccounts.credentialId, credentialId),
        isNull(senderAccounts.deletedAt),
      ),
    );
  const admins = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, ['owner', 'admin'])));
  // An account connected for receiving only has no sender account: it is named by its mailbox.
  const mailboxes = accounts.length
    ? []
    : await db
        .select({ username: inboxMailboxes.username })
        .from(inboxMailboxes)
        .where(and(eq(inboxMailboxes.orgId, orgId), eq(inboxMailboxes.credentialId, credentialId)));
  const name =
    [...accounts.map((a) => a.fromAddress), ...mailboxes.map((m) => m.username)].join(', ') ||
    'A connected account';
  const link = `${env().APP_URL.replace(/\/+$/, '')}${accounts.length ? '/senders' : '/inbox/mailboxes'}`;
  const text = `${name} must be connected again before Mailroom can use it: ${reason}\n\nIts messages wait (no attempt is lost). Reconnect it on ${link}.\n`;
  for (const { email } of admins) {
    await sendSystemMail(db, {
      to: email,
      subject: `Reconnect ${name} in Mailroom`,
      text,
      html: `<p>${escapeHtml(name)} must be connected again before Mailroom can use it: ${escapeHtml(reason)}</p><p>Its messages wait (no attempt is lost). <a href="${escapeHtml(link)}">Reconnect it</a>.</p>`,
    });
  }
};
