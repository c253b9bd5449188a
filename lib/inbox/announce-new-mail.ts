// Tells the web processes that new mail was stored for an organisation: one NOTIFY per stored
// batch, sent by Postgres when the storing transaction commits (never for a rolled-back one). Each
// web process hears it on its one LISTEN connection (lib/progress/run-event-hub.ts) and wakes the
// inbox streams of that organisation (lib/inbox/stream-inbox-events.ts).
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';

export const INBOX_CHANNEL = 'mailroom_inbox';

export type NewMailNotice = { orgId: string; mailboxId: string; count: number };
/** The unread count moved for another reason (announce-unread-change.ts). */
export type UnreadChangeNotice = { orgId: string; kind: 'unread-changed' };
/** What the channel carries. */
export type InboxNotice = NewMailNotice | UnreadChangeNotice;

export async function announceNewMail(tx: DbOrTx, notice: NewMailNotice): Promise<void> {
  if (notice.count <= 0) return;
  await tx.execute(sql`select pg_notify(${INBOX_CHANNEL}, ${JSON.stringify(notice)})`);
}
