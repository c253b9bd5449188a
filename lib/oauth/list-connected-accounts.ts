// The organisation's connected accounts (sender accounts of kind gmail / microsoft), each with its
// status: active, paused, or needs reconnect.
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { listSenders } from '../outbox/list-senders';
import type { SenderView } from '../outbox/sender.schema';

export async function listConnectedAccounts(db: DbOrTx, ctx: OrgContext): Promise<SenderView[]> {
  return (await listSenders(db, ctx)).filter((s) => s.kind === 'gmail' || s.kind === 'microsoft');
}
