// Stops a message that has not gone out yet (scheduled, or queued — including one waiting for its
// next attempt). A message already being handed to the server, or finished, cannot be cancelled.
import { and, inArray, sql } from 'drizzle-orm';
import { conflict } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { outboxMessages } from '../db/schema/outbox';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { announceSettled } from './announce-settled';
import type { MessageView } from './message.schema';
import { toMessageView } from './message-view';

export async function cancelMessage(db: DbOrTx, ctx: OrgContext, id: string): Promise<MessageView> {
  return db.transaction(async (tx) => {
    const [cancelled] = await tx
      .update(outboxMessages)
      .set({
        status: 'cancelled',
        finishedAt: sql`now()`,
        updatedAt: sql`now()`,
        nextAttemptAt: null,
        lastError: 'Cancelled before it was sent.',
      })
      .where(and(byIdInOrg(outboxMessages, id, ctx), inArray(outboxMessages.status, ['scheduled', 'queued'])))
      .returning();
    if (cancelled) {
      await announceSettled(tx, [cancelled]);
      return toMessageView(cancelled);
    }
    const current = firstOr404(
      await tx
        .select()
        .from(outboxMessages)
        .where(byIdInOrg(outboxMessages, id, ctx)),
      'Message',
    );
    throw conflict(
      current.status === 'sending'
        ? 'The message is being handed to the server right now and can no longer be cancelled.'
        : `The message is already ${current.status} and can no longer be cancelled.`,
    );
  });
}
