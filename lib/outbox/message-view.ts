// An outbox row as the API and pages show it.
import type { OutboxMessage } from '../db/schema/outbox';
import type { MessageView } from './message.schema';

export function toMessageView(m: OutboxMessage): MessageView {
  return {
    id: m.id,
    status: m.status,
    queue: m.queue,
    senderId: m.senderId,
    runId: m.originKind === 'invoice-run' ? m.originId : null,
    from: m.fromName ? { address: m.fromAddress, name: m.fromName } : { address: m.fromAddress },
    to: m.to,
    cc: m.cc,
    bcc: m.bcc,
    subject: m.subject,
    messageId: m.messageId,
    providerMessageId: m.providerMessageId,
    attempts: m.attempts,
    maxAttempts: m.maxAttempts,
    lastError: m.lastError,
    sendAt: m.sendAt,
    expiresAt: m.expiresAt,
    nextAttemptAt: m.nextAttemptAt,
    sentAt: m.sentAt,
    finishedAt: m.finishedAt,
    attachmentCount: m.attachmentCount,
    idempotencyKey: m.idempotencyKey,
    retryOf: m.retryOf,
    createdAt: m.createdAt,
  };
}
