// The shared inbox grouped into conversations (by thread headers, across mailboxes): one row per
// thread with its latest message, how many messages and how many unread. For the inbox page.
import { and, desc, sql } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type InboxAutomaticKind, inboxMessages } from '../db/schema/inbox';
import { inOrg } from '../db/scoped';
import { type MessageFilters, messageFilters } from './message-filters';

export type ThreadRow = {
  threadKey: string;
  count: number;
  unread: number;
  lastReceivedAt: Date;
  latestId: string;
  subject: string;
  fromName: string;
  fromAddress: string;
  snippet: string;
  hasAttachments: boolean;
  mailboxIds: string[];
  /** The latest message's kind: a bounce or an automatic reply (labelled in the list). */
  automatic: InboxAutomaticKind | null;
};

export async function listThreads(
  db: DbOrTx,
  ctx: OrgContext,
  filters: MessageFilters & { offset?: number; limit?: number },
): Promise<{ threads: ThreadRow[]; more: boolean }> {
  const limit = filters.limit ?? 50;
  const m = inboxMessages;
  const rows = await db
    .select({
      threadKey: m.threadKey,
      count: sql<number>`count(*)::int`,
      unread: sql<number>`(count(*) filter (where not ${m.seen}))::int`,
      lastReceivedAt: sql<Date>`max(${m.receivedAt})`.mapWith(m.receivedAt),
      latestId: sql<string>`(array_agg(${m.id} order by ${m.receivedAt} desc, ${m.id} desc))[1]`,
      hasAttachments: sql<boolean>`bool_or(${m.hasAttachments})`,
      mailboxIds: sql<string[]>`array_agg(distinct ${m.mailboxId})`,
    })
    .from(m)
    .where(messageFilters(ctx, filters))
    .groupBy(m.threadKey)
    .orderBy(desc(sql`max(${m.receivedAt})`))
    .offset(filters.offset ?? 0)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const latest = page.length
    ? await db
        .select({
          id: m.id,
          subject: m.subject,
          fromName: m.fromName,
          fromAddress: m.fromAddress,
          snippet: m.snippet,
          automatic: m.automatic,
        })
        .from(m)
        .where(and(inOrg(m, ctx), sql`${m.id} = any(${sql.param(page.map((r) => r.latestId))}::uuid[])`))
    : [];
  const byId = new Map(latest.map((l) => [l.id, l]));
  return {
    threads: page.map((r) => {
      const l = byId.get(r.latestId);
      return {
        ...r,
        subject: l?.subject ?? '',
        fromName: l?.fromName ?? '',
        fromAddress: l?.fromAddress ?? '',
        snippet: l?.snippet ?? '',
        automatic: l?.automatic ?? null,
      };
    }),
    more: rows.length > limit,
  };
}
