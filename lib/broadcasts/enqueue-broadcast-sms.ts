// The SMS side of a message's expansion, behind one function: the SMS channel (lib/sms, another
// branch's work) plugs in here. Until it exists, phone recipients are skipped with this reason.
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';

export type BroadcastSms = { to: string; text: string; smsAccountId?: string };

export const SMS_UNAVAILABLE = 'SMS is not available in this installation';

/** The SMS ids in input order, or null when this installation cannot send SMS. */
export async function enqueueBroadcastSms(
  _tx: DbOrTx,
  _ctx: OrgContext,
  _broadcastId: string,
  _items: BroadcastSms[],
): Promise<{ id: string }[] | null> {
  return null;
}
