// The worker's transports: one per account per process, kept (pooled connections) and rebuilt when
// the account is edited. SMTP accounts send on the sending threads (smtp-threads.ts; 2 unless
// MAILROOM_SMTP_THREADS says otherwise), so MIME building and SMTP do not compete with the database
// work of the main thread; the preview account writes to the database and stays here.
import { unseal } from '../../crypto/seal';
import type { SenderAccount } from '../../db/schema/outbox';
import { env } from '../../env';
import { buildSenderTransport } from './sender-transport';
import { createThreadedSmtpTransport, stopSmtpThreads } from './smtp-threads';
import type { Transport } from './transport';

const pool = new Map<string, { version: number; transport: Transport }>();

/** This process's transport for the account, as it is configured now. */
export function senderTransport(sender: SenderAccount): Transport {
  const version = sender.updatedAt.getTime();
  const cached = pool.get(sender.id);
  if (cached && cached.version === version) return cached.transport;
  cached?.transport.close();
  const threads = env().MAILROOM_SMTP_THREADS;
  const transport =
    sender.kind === 'smtp' && threads > 0 && sender.host && sender.port && sender.security
      ? createThreadedSmtpTransport(
          {
            host: sender.host,
            port: sender.port,
            security: sender.security,
            username: sender.username,
            password: sender.passwordSealed ? unseal(sender.passwordSealed) : null,
            maxConnections: sender.maxConnections,
            allowInvalidCertificate: sender.allowInvalidCertificate,
          },
          `${sender.id}:${version}`,
          threads,
        )
      : buildSenderTransport(sender);
  pool.set(sender.id, { version, transport });
  return transport;
}

/** Closes every pooled connection and the sending threads (worker shutdown, CLI exit, tests). */
export async function closeSenderTransports(): Promise<void> {
  for (const { transport } of pool.values()) transport.close();
  pool.clear();
  await stopSmtpThreads();
}
