// The worker's transports: one per account per process, kept (pooled connections) while the
// account's transport settings version (transportKey) stays the same, rebuilt when it changes.
// SMTP accounts send on the sending threads (smtp-threads.ts; one per core beside the main thread,
// at most 2, unless MAILROOM_SMTP_THREADS says otherwise), so MIME building and SMTP do not
// compete with the database work of the main thread; the preview account writes to the database
// and stays here.
import { type AuthSource, accountAuthSource } from '../../credentials/account-auth-source';
import { getDb } from '../../db/client';
import type { SenderAccount } from '../../db/schema/outbox';
import { env } from '../../env';
import { buildAccountTransport, transportKey } from './account-transport';
import { stopSmtpThreads } from './smtp-threads';
import type { Transport } from './transport';

const pool = new Map<string, { key: string; transport: Transport; auth: AuthSource }>();

/**
 * This process's transport for the account, for one use (a batch of its messages). The account's
 * credential is read again, once, for each use: an edited password or a renewed access token
 * applies to the connections opened from then on, and the pool stays.
 */
export function senderTransport(sender: SenderAccount): Transport {
  const key = transportKey(sender);
  let entry = pool.get(sender.id);
  if (!entry || entry.key !== key) {
    entry?.transport.close();
    const auth = accountAuthSource(getDb, sender, 'send');
    const transport = buildAccountTransport(sender, { threads: env().MAILROOM_SMTP_THREADS, auth });
    entry = { key, transport, auth };
    pool.set(sender.id, entry);
  }
  entry.auth.forget();
  return entry.transport;
}

/** Closes every pooled connection and the sending threads (worker shutdown, CLI exit, tests). */
export async function closeSenderTransports(): Promise<void> {
  for (const { transport } of pool.values()) transport.close();
  pool.clear();
  await stopSmtpThreads();
}
