// One message of the organisation (404 for another's).
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { broadcasts } from '../db/schema/broadcasts';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import type { BroadcastView } from './broadcast.schema';
import { toBroadcastView } from './broadcast-view';

export async function getBroadcast(db: DbOrTx, ctx: OrgContext, id: string): Promise<BroadcastView> {
  return toBroadcastView(
    firstOr404(
      await db
        .select()
        .from(broadcasts)
        .where(byIdInOrg(broadcasts, id, ctx)),
      'Message',
    ),
  );
}
