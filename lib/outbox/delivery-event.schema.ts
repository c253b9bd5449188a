// A delivery event as its sources (a bounce parser, a provider's webhook, open tracking) hand it in.
import { z } from 'zod';
import { deliveryEventKindEnum } from '../db/schema/outbox';

export const deliveryEventInput = z.object({
  /** The outbox message (its row id). */
  messageId: z.uuid(),
  recipient: z.string().min(1).max(320).nullable().default(null),
  kind: z.enum(deliveryEventKindEnum.enumValues),
  at: z.date().default(() => new Date()),
  detail: z.string().max(2000).nullable().default(null),
  source: z.string().min(1).max(100),
});
export type DeliveryEventInput = z.input<typeof deliveryEventInput>;
export type DeliveryEvent = z.output<typeof deliveryEventInput>;
