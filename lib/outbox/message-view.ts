// An outbox row as the API and pages show it — without its bodies, which only the message's own
// page shows: lists select `messageViewColumns` and never load them.
import { getTableColumns } from 'drizzle-orm';
import { type OutboxMessage, outboxMessages } from '../db/schema/outbox';
import type { MessageView } from './message.schema';

const { text: _text, html: _html, headers: _headers, ...viewColumns } = getTableColumns(outboxMessages);
/** What a list of messages selects. */
export const messageViewColumns = viewColumns;
type ViewRow = Omit<OutboxMessage, 'text' | 'html' | 'headers'>;

export function toMessageView(m: ViewRow): MessageView {
  return {
    id: m.id,
    channel: m.channel,
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
    suppressed: m.suppressed,
    createdAt: m.createdAt,
  };
}
