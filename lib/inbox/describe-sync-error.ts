// A failure during a folder's sync, in words for the mailbox page: the server's (via
// describeImapError) when the IMAP side failed, a generic sentence when ours did (the detail goes
// to the log, not to users).
import type { InboxMailbox } from '../db/schema/inbox';
import { log } from '../log';
import { describeImapError } from './describe-imap-error';

export function describeSyncError(
  error: unknown,
  mailbox: Pick<InboxMailbox, 'id' | 'orgId' | 'host' | 'port'>,
) {
  const e = error as { code?: unknown; responseText?: unknown; mailboxMissing?: unknown; cause?: unknown };
  const postgres = e?.cause instanceof Error || (typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code));
  const fromImap =
    !postgres &&
    (typeof e?.responseText === 'string' || e?.mailboxMissing === true || typeof e?.code === 'string');
  if (fromImap) return describeImapError(error, mailbox);
  log.error({ err: error, mailboxId: mailbox.id, orgId: mailbox.orgId }, 'inbox sync failed on our side');
  return 'Mailroom could not store this folder’s messages (internal error; the worker log has the details).';
}
