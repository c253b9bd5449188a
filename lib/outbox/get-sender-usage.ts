// How much of each sender account's limits is used: the attempts started in the last minute and
// the last 24 hours, counted from the same rows and windows reserveSendSlots enforces (sliding
// windows, so "134/500" is what the next claim will see).
import { and, inArray, sql } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { messageAttempts } from '../db/schema/outbox';
import { inOrg } from '../db/scoped';

export type SenderUsage = { lastMinute: number; lastDay: number };

export async function getSenderUsage(
  db: DbOrTx,
  ctx: OrgContext,
  senderIds: string[],
): Promise<Map<string, SenderUsage>> {
  const usage = new Map<string, SenderUsage>(senderIds.map((id) => [id, { lastMinute: 0, lastDay: 0 }]));
  if (senderIds.length === 0) return usage;
  const rows = await db
    .select({
      senderId: messageAttempts.senderId,
      lastMinute: sql<number>`count(*) filter (where ${messageAttempts.startedAt} > clock_timestamp() - interval '1 minute')::int`,
      lastDay: sql<number>`count(*)::int`,
    })
    .from(messageAttempts)
    .where(
      and(
        inOrg(messageAttempts, ctx),
        inArray(messageAttempts.senderId, senderIds),
        sql`${messageAttempts.startedAt} > clock_timestamp() - interval '1 day'`,
      ),
    )
    .groupBy(messageAttempts.senderId);
  for (const r of rows) usage.set(r.senderId, { lastMinute: r.lastMinute, lastDay: r.lastDay });
  return usage;
}
