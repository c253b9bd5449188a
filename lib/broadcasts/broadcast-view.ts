// A broadcast row as the API and the pages show it.
import type { Broadcast, BroadcastRecipient } from '../db/schema/broadcasts';
import type { BroadcastView, RecipientView } from './broadcast.schema';

export function toBroadcastView(b: Broadcast): BroadcastView {
  return {
    id: b.id,
    status: b.status,
    channels: b.channels,
    contactIds: b.contactIds,
    groupIds: b.groupIds,
    subject: b.subject,
    content: b.content,
    senderId: b.senderId,
    smsAccountId: b.smsAccountId,
    scheduledAt: b.scheduledAt,
    expiresAt: b.expiresAt,
    runId: b.runId,
    failureReason: b.failureReason,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
    expandedAt: b.expandedAt,
    finishedAt: b.finishedAt,
  };
}

export function toRecipientView(r: BroadcastRecipient): RecipientView {
  return {
    id: r.id,
    contactId: r.contactId,
    channel: r.channel,
    address: r.address,
    name: r.name,
    status: r.status,
    reason: r.reason,
    outboxMessageId: r.outboxMessageId,
    smsId: r.smsId,
    sentAt: r.sentAt,
    deliveredAt: r.deliveredAt,
    readAt: r.readAt,
    humanOpens: r.humanOpens,
    machineOpens: r.machineOpens,
  };
}
