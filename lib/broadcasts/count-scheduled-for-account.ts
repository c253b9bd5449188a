// How many of an organisation's scheduled messages will send from an account (as their email sender
// or their SMS account): deleting that account is refused while any does (lib/outbox/delete-sender.ts
// asks through the broadcast origin's `waitingOn`). Drafts are not counted: sending one checks its
// accounts again. Once due, the messages are in the outbox and counted there.
import { and, count, eq, or } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { broadcasts } from '../db/schema/broadcasts';

export async function countScheduledForAccount(
  tx: DbOrTx,
  account: { orgId: string; senderId: string },
): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(broadcasts)
    .where(
      and(
        eq(broadcasts.orgId, account.orgId),
        eq(broadcasts.status, 'scheduled'),
        or(eq(broadcasts.senderId, account.senderId), eq(broadcasts.smsAccountId, account.senderId)),
      ),
    );
  return row?.n ?? 0;
}
