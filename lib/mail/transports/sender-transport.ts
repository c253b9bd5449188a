// The transport of a sender account. Workers keep one pooled transport per account per process
// (senderTransport), rebuilt when the account is edited; "test connection" builds a fresh one.
import { unseal } from '../../crypto/seal';
import { getDb } from '../../db/client';
import type { SenderAccount } from '../../db/schema/outbox';
import { createPreviewTransport } from './preview';
import { createSmtpTransport } from './smtp';
import type { Transport } from './transport';

/** A new, unshared transport for the account. Close it when done. */
export function buildSenderTransport(sender: SenderAccount): Transport {
  switch (sender.kind) {
    case 'preview':
      return createPreviewTransport(getDb, sender.orgId);
    case 'smtp': {
      if (!sender.host || !sender.port || !sender.security) {
        throw new Error(`sender account ${sender.id} has no SMTP server configured`);
      }
      return createSmtpTransport({
        host: sender.host,
        port: sender.port,
        security: sender.security,
        username: sender.username,
        password: sender.passwordSealed ? unseal(sender.passwordSealed) : null,
        maxConnections: sender.maxConnections,
        allowInvalidCertificate: sender.allowInvalidCertificate,
      });
    }
  }
}

const pool = new Map<string, { version: number; transport: Transport }>();

/** This process's pooled transport for the account, as it is configured now. */
export function senderTransport(sender: SenderAccount): Transport {
  const version = sender.updatedAt.getTime();
  const cached = pool.get(sender.id);
  if (cached && cached.version === version) return cached.transport;
  cached?.transport.close();
  const transport = buildSenderTransport(sender);
  pool.set(sender.id, { version, transport });
  return transport;
}

/** Closes every pooled connection (worker shutdown, tests). */
export function closeSenderTransports(): void {
  for (const { transport } of pool.values()) transport.close();
  pool.clear();
}
