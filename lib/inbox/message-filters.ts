// The WHERE of the shared inbox's lists (messages and conversations): always the caller's
// organisation and messages still on the server (not deleted there), then the optional mailbox,
// unread, conversation and search filters.
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import { inboxMessages } from '../db/schema/inbox';
import { inOrg } from '../db/scoped';
import { containsFolded, searchText } from '../db/search-text';

export type MessageFilters = { integrationId?: string; q?: string; unread?: boolean; threadKey?: string };

export function messageFilters(ctx: OrgContext, f: MessageFilters): SQL {
  const conditions: SQL[] = [inOrg(inboxMessages, ctx), isNull(inboxMessages.removedAt)];
  if (f.integrationId) conditions.push(eq(inboxMessages.mailboxId, f.integrationId));
  if (f.unread) conditions.push(eq(inboxMessages.seen, false));
  if (f.threadKey) conditions.push(eq(inboxMessages.threadKey, f.threadKey));
  if (f.q) {
    // Every word somewhere in the subject, sender, recipients or text; accents and case aside.
    for (const word of f.q.split(/\s+/).filter(Boolean).slice(0, 10)) {
      conditions.push(containsFolded(searchText.inboxMessage(), word));
    }
  }
  return and(...conditions)!;
}
