// The transport of a sender account, built fresh ("test connection"). The worker's long-lived,
// pooled ones are in worker-sender-transports.ts.
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
