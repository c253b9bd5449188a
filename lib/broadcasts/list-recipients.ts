// A message's recipients with their own status, reason and reads (keyset pages by id).
import { and, asc, eq, gt, inArray, type SQL } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { broadcastRecipients, broadcasts } from '../db/schema/broadcasts';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import type { ListRecipientsQuery, RecipientView } from './broadcast.schema';
import { toRecipientView } from './broadcast-view';

export async function listRecipients(
  db: DbOrTx,
  ctx: OrgContext,
  broadcastId: string,
  query: ListRecipientsQuery,
): Promise<{ recipients: RecipientView[]; nextCursor: string | null }> {
  firstOr404(
    await db
      .select({ id: broadcasts.id })
      .from(broadcasts)
      .where(byIdInOrg(broadcasts, broadcastId, ctx)),
    'Message',
  );
  const where: SQL[] = [
    eq(broadcastRecipients.orgId, ctx.orgId),
    eq(broadcastRecipients.broadcastId, broadcastId),
  ];
  if (query.status?.length) where.push(inArray(broadcastRecipients.status, query.status));
  if (query.channel) where.push(eq(broadcastRecipients.channel, query.channel));
  if (query.cursor) where.push(gt(broadcastRecipients.id, query.cursor));
  const rows = await db
    .select()
    .from(broadcastRecipients)
    .where(and(...where))
    .orderBy(asc(broadcastRecipients.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    recipients: page.map(toRecipientView),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
