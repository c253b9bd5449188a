// How an SMS is shown by the REST API (GET /api/v1/sms/{id}): its delivery record (status, attempts,
// provider id), its content (number, text, segments, encoding) and its delivery reports.
import { z } from 'zod';
import { deliveryEventKindEnum, messageQueueEnum, messageStatusEnum } from '../db/schema/outbox';
import { smsEncodingEnum } from '../db/schema/sms';
import { smsToEnqueueInput } from './enqueue-sms';
import { MAX_BATCH } from './message.schema';

export const smsView = z.object({
  id: z.uuid(),
  status: z.enum(messageStatusEnum.enumValues),
  queue: z.enum(messageQueueEnum.enumValues),
  smsAccountId: z.uuid(),
  from: z.string(),
  to: z.string(),
  text: z.string(),
  segments: z.number().int(),
  encoding: z.enum(smsEncodingEnum.enumValues),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  sendAt: z.date(),
  expiresAt: z.date().nullable(),
  sentAt: z.date().nullable(),
  createdAt: z.date(),
  events: z.array(
    z.object({
      kind: z.enum(deliveryEventKindEnum.enumValues),
      at: z.date(),
      detail: z.string().nullable(),
      source: z.string(),
    }),
  ),
});
export type SmsView = z.infer<typeof smsView>;

export const smsBatchBody = z.object({ messages: z.array(smsToEnqueueInput).min(1).max(MAX_BATCH) }).strict();
/** POST /api/v1/sms: one SMS, or `{ "messages": [...] }` (the route picks by shape, see there). */
export const sendSmsBody = z.union([smsToEnqueueInput, smsBatchBody]);
