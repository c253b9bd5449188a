// How many messages of the shared inbox are unread (the navigation's count): a partial index keeps
// it cheap however large the inbox is.
import { and, count, eq, isNull } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { inboxMessages } from '../db/schema/inbox';
import { inOrg } from '../db/scoped';

export async function countUnread(db: DbOrTx, ctx: OrgContext): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(inboxMessages)
    .where(and(inOrg(inboxMessages, ctx), eq(inboxMessages.seen, false), isNull(inboxMessages.removedAt)));
  return row?.n ?? 0;
}
