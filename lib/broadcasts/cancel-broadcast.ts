// Cancel a message until it is due (a draft or a scheduled message not yet expanded).
import { and, eq } from 'drizzle-orm';
import { conflict } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { broadcasts } from '../db/schema/broadcasts';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import type { BroadcastView } from './broadcast.schema';
import { toBroadcastView } from './broadcast-view';

export async function cancelBroadcast(db: DbOrTx, ctx: OrgContext, id: string): Promise<BroadcastView> {
  return db.transaction(async (tx) => {
    const current = firstOr404(
      await tx
        .select()
        .from(broadcasts)
        .where(byIdInOrg(broadcasts, id, ctx))
        .for('update'),
      'Message',
    );
    if (current.status === 'cancelled') return toBroadcastView(current);
    if (current.status !== 'draft' && current.status !== 'scheduled') {
      throw conflict(`This message is ${current.status}: it can no longer be cancelled.`).localized(
        'broadcastNotCancellable',
      );
    }
    const [updated] = await tx
      .update(broadcasts)
      .set({ status: 'cancelled', finishedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(broadcasts.id, current.id), eq(broadcasts.orgId, ctx.orgId)))
      .returning();
    return toBroadcastView(updated!);
  });
}
