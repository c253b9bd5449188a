// Conversation grouping by thread headers, across all of an organisation's mailboxes: a message
// joins the thread of any stored message it references (References root first, then In-Reply-To),
// else its thread is named after its root reference, else after itself.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { inboxMessages } from '../db/schema/inbox';

type Threadable = {
  messageId?: string | null;
  inReplyTo?: string | null;
  references: string[];
  externalId: string;
};

/** One thread key per message, in order; later messages of the batch can join earlier ones. */
export async function resolveThreadKeys(
  db: DbOrTx,
  orgId: string,
  messages: Threadable[],
): Promise<string[]> {
  const wanted = new Set<string>();
  for (const m of messages) {
    for (const id of related(m)) wanted.add(id);
  }
  const known = new Map<string, string>();
  if (wanted.size > 0) {
    const rows = await db
      .select({ messageId: inboxMessages.messageId, threadKey: inboxMessages.threadKey })
      .from(inboxMessages)
      .where(
        and(
          eq(inboxMessages.orgId, orgId),
          sql`${inboxMessages.messageId} = any(${sql.param([...wanted])}::text[])`,
        ),
      );
    for (const row of rows) if (row.messageId) known.set(row.messageId, row.threadKey);
  }
  return messages.map((m) => {
    const found = related(m)
      .map((id) => known.get(id))
      .find(Boolean);
    const key = found ?? m.references[0] ?? m.inReplyTo ?? m.messageId ?? `ext:${m.externalId}`;
    if (m.messageId && !known.has(m.messageId)) known.set(m.messageId, key);
    return key;
  });
}

function related(m: Threadable): string[] {
  return [...m.references, m.inReplyTo, m.messageId].filter((id): id is string => Boolean(id));
}
