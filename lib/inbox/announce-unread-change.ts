// Tells the web processes that an organisation's unread count changed without new mail: a message
// marked read or unread (in Mailroom, or in another mail client and found by a sync), or messages
// that left the shared inbox because they were deleted or moved away on the server. Same channel
// and the same delivery as new mail (announce-new-mail.ts): sent when the transaction commits, so
// another open tab's navigation count and inbox list follow at once.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { INBOX_CHANNEL, type UnreadChangeNotice } from './announce-new-mail';

export async function announceUnreadChange(tx: DbOrTx, orgId: string): Promise<void> {
  const notice: UnreadChangeNotice = { orgId, kind: 'unread-changed' };
  await tx.execute(sql`select pg_notify(${INBOX_CHANNEL}, ${JSON.stringify(notice)})`);
}
