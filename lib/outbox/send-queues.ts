// Which pg-boss queue carries a message of each kind.
import type { MessageQueue } from '../db/schema/outbox';
import { outboxSendBulkQueue, outboxSendTransactionalQueue, type QueueDefinition } from '../jobs/queues';

export function sendQueueFor(queue: MessageQueue): QueueDefinition {
  return queue === 'bulk' ? outboxSendBulkQueue : outboxSendTransactionalQueue;
}
