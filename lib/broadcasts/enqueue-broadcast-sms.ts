// The SMS side of a message's expansion, behind one function: one SMS per phone through the
// delivery core's SMS channel (lib/outbox/enqueue-sms.ts), on the bulk queue, with the broadcast as
// origin, in the caller's transaction. Returns the outbox ids in input order.
import type { PgBoss } from 'pg-boss';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { enqueueSms } from '../outbox/enqueue-sms';
import { MAX_BATCH } from '../outbox/message.schema';

export type BroadcastSms = { to: string; text: string; smsAccountId?: string; expiresAt?: Date };

export async function enqueueBroadcastSms(
  tx: DbOrTx,
  ctx: OrgContext,
  broadcastId: string,
  items: BroadcastSms[],
  boss?: PgBoss,
): Promise<{ id: string }[]> {
  const ids: { id: string }[] = [];
  for (let i = 0; i < items.length; i += MAX_BATCH) {
    const chunk = items.slice(i, i + MAX_BATCH).map((s) => ({
      to: s.to,
      text: s.text,
      ...(s.smsAccountId ? { smsAccountId: s.smsAccountId } : {}),
      ...(s.expiresAt ? { expiresAt: s.expiresAt } : {}),
    }));
    ids.push(
      ...(await enqueueSms(tx, ctx, chunk, {
        origin: { kind: 'broadcast', id: broadcastId },
        queue: 'bulk',
        boss,
      })),
    );
  }
  return ids;
}
